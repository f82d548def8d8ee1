package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.ProcessResult;

/** A failed docker or compose call, as one sentence. */
final class DockerFailure {
  private DockerFailure() {}

  /** Turns a failed docker or compose call into one sentence, naming the usual causes. */
  static HnException of(String what, ProcessResult result) {
    String message = result.errorLine();
    String all = result.stderr() + result.stdout();
    if (all.contains("Cannot connect to the Docker daemon")
        || all.contains("Couldn't connect to Docker daemon")
        || all.contains("Is the docker daemon running")
        || all.contains("connect: no such file or directory")
        || all.contains("connection refused")
        || all.contains("Error while fetching server API version")) {
      String host = System.getenv("DOCKER_HOST");
      return new HnException(
          "Cannot "
              + what
              + ": the Docker daemon is not reachable"
              + (host == null ? "" : " at DOCKER_HOST=" + host)
              + "; start Docker (or check DOCKER_HOST) and try again.");
    }
    return new HnException("Cannot " + what + ": " + message);
  }
}
