package io.hannahanna.hn.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stand-in docker and compose programs for tests that check what hn decides, not what an engine
 * does (those use {@link DockerEngine}). Compose prints the checkout's compose.yml when asked to
 * resolve the project and succeeds at everything else; docker answers `version`, and lists the
 * networks written with {@link #engineNetworks}. Both log their argv, one call per line.
 */
public final class StandInDocker {
  private final Path dir;

  private StandInDocker(Path dir) {
    this.dir = dir;
  }

  /** Writes both programs into a folder and makes hn use this docker (`hn.docker`). */
  public static StandInDocker in(Path dir) {
    StandInDocker standIn = new StandInDocker(dir);
    standIn.executable(
        "compose",
        "#!/bin/sh\n"
            + "echo \"$*\" >> '"
            + dir.resolve("compose.log")
            + "'\n"
            + "case \" $* \" in *' --profile * config ') cat compose.yml ;; esac\n"
            + "exit 0\n");
    standIn.executable(
        "docker",
        "#!/bin/sh\n"
            + "echo \"$*\" >> '"
            + dir.resolve("docker.log")
            + "'\n"
            + "case \"$*\" in\n"
            + "  version*) echo 20.10.0 ;;\n"
            + "  'network ls -q') [ -f '"
            + dir.resolve("networks")
            + "' ] && cut -f1 '"
            + dir.resolve("networks")
            + "' ;;\n"
            + "  'network inspect'*) [ -f '"
            + dir.resolve("networks")
            + "' ] && cut -f2- '"
            + dir.resolve("networks")
            + "' ;;\n"
            + "esac\n"
            + "exit 0\n");
    System.setProperty("hn.docker", dir.resolve("docker").toString());
    return standIn;
  }

  /** The compose program, for docker.compose_command. */
  public Path compose() {
    return dir.resolve("compose");
  }

  /**
   * Networks the stand-in engine reports, one per line: name, compose project and subnets
   * (space-separated), as `docker network inspect --format` prints them.
   */
  public void engineNetworks(String... lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      text.append("n").append(i).append('\t').append(lines[i]).append('\n');
    }
    write(dir.resolve("networks"), text.toString());
  }

  public String dockerLog() {
    try {
      Path log = dir.resolve("docker.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void executable(String name, String script) {
    Path file = dir.resolve(name);
    write(file, script);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
