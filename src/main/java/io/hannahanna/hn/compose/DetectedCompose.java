package io.hannahanna.hn.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compose command hn detected, kept in hn's state folder so that a command does not start
 * `docker compose version` every time. It is kept with a fingerprint of the programs it depends on
 * (the docker program, the compose plugins where docker looks for them, docker-compose on PATH, and
 * PATH itself): when one of them changes, compose is detected again.
 */
final class DetectedCompose {
  private static final List<String> PLUGIN_DIRS =
      List.of(
          "/usr/local/lib/docker/cli-plugins",
          "/usr/local/libexec/docker/cli-plugins",
          "/usr/lib/docker/cli-plugins",
          "/usr/libexec/docker/cli-plugins");

  private DetectedCompose() {}

  /** The kept command, when the file holds one for this fingerprint. */
  static Optional<List<String>> read(Path file, String fingerprint) {
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.size() >= 2 && lines.get(0).equals(fingerprint)) {
        return Optional.of(List.copyOf(lines.subList(1, lines.size())));
      }
    } catch (IOException | RuntimeException e) {
      // none kept, or unreadable: detected again
    }
    return Optional.empty();
  }

  /** Keeps the command (one argument per line); a file that cannot be written is skipped. */
  static void write(Path file, String fingerprint, List<String> command) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "compose", ".tmp");
      List<String> lines = new ArrayList<>();
      lines.add(fingerprint);
      lines.addAll(command);
      Files.write(temp, lines);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // the next hn detects again
    }
  }

  /** Size and modification time of every program the detection depends on. */
  static String fingerprint(String docker) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    StringBuilder print = new StringBuilder("PATH=").append(path);
    List<Path> programs = new ArrayList<>();
    programs.add(onPath(docker, path));
    programs.add(onPath("docker-compose", path));
    String dockerConfig =
        Optional.ofNullable(System.getenv("DOCKER_CONFIG"))
            .orElse(io.hannahanna.hn.config.UserDirs.home() + "/.docker");
    programs.add(Path.of(dockerConfig, "cli-plugins", "docker-compose"));
    PLUGIN_DIRS.forEach(d -> programs.add(Path.of(d, "docker-compose")));
    for (Path program : programs) {
      print.append('|').append(program).append(':').append(stat(program));
    }
    return print.toString().replace('\n', ' ');
  }

  private static Path onPath(String program, String path) {
    if (program.contains("/")) {
      return Path.of(program);
    }
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return Path.of(program);
  }

  private static String stat(Path program) {
    try {
      return Files.size(program) + ":" + Files.getLastModifiedTime(program).toMillis();
    } catch (IOException e) {
      return "-";
    }
  }
}
