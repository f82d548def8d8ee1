package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The plain `docker` CLI, for what hn reads from the engine itself. */
@Singleton
public class Docker {
  private final ProcessRunner runner;

  public Docker(ProcessRunner runner) {
    this.runner = runner;
  }

  /** A container as the engine reports it. */
  public record Container(String project, String service, String name, String state) {
    public boolean running() {
      return state.equals("running");
    }
  }

  /** The containers of compose projects hn manages, found by hn's labels. */
  public List<Container> containers(String repository) {
    String out =
        run(
            "list containers",
            "ps",
            "-a",
            "--filter",
            "label=" + EffectiveCompose.LABEL_REPOSITORY + "=" + repository,
            "--format",
            "{{.Label \"com.docker.compose.project\"}}\t{{.Label \"com.docker.compose.service\"}}\t{{.Names}}\t{{.State}}");
    List<Container> containers = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 4) {
        containers.add(new Container(f[0], f[1], f[2], f[3]));
      }
    }
    return containers;
  }

  public String run(String what, String... args) {
    List<String> argv = new ArrayList<>(List.of("docker"));
    argv.addAll(List.of(args));
    ProcessResult result = runner.run(Cmd.of(null, argv));
    if (!result.ok()) {
      throw failure(what, result);
    }
    return result.stdout();
  }

  /** Turns a failed docker or compose call into one sentence, naming the usual causes. */
  static HnException failure(String what, ProcessResult result) {
    String message = result.errorLine();
    String all = result.stderr() + result.stdout();
    if (all.contains("Cannot connect to the Docker daemon")
        || all.contains("Couldn't connect to Docker daemon")
        || all.contains("Is the docker daemon running")
        || all.contains("connect: no such file or directory")
        || all.contains("connection refused")) {
      return new HnException(
          "Cannot "
              + what
              + ": the Docker daemon is not reachable; start Docker (or check DOCKER_HOST) and try again.");
    }
    return new HnException("Cannot " + what + ": " + message);
  }
}
