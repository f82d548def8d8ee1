package io.hannahanna.hn.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the docker CLI's own config says about which engine it uses. */
final class DockerCliConfig {
  private DockerCliConfig() {}

  /**
   * Whether the docker CLI would use its `default` context (the local socket): no DOCKER_CONTEXT,
   * and no current context in its config file (`$DOCKER_CONFIG/config.json`, else
   * `~/.docker/config.json`).
   */
  static boolean usesTheDefaultContext() {
    String env = System.getenv("DOCKER_CONTEXT");
    if (env != null && !env.isBlank()) {
      return env.equals("default");
    }
    String dir = System.getenv("DOCKER_CONFIG");
    Path file =
        (dir == null || dir.isBlank()
                ? Path.of(System.getProperty("user.home"), ".docker")
                : Path.of(dir))
            .resolve("config.json");
    if (!Files.isRegularFile(file)) {
      return true;
    }
    try {
      JsonNode current = new ObjectMapper().readTree(file.toFile()).path("currentContext");
      return current.isMissingNode()
          || current.asText().isEmpty()
          || current.asText().equals("default");
    } catch (IOException e) {
      return false; // let the docker CLI say what it makes of the file
    }
  }
}
