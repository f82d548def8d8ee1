package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which compose files make a checkout's project: the ones `docker.compose_file` names, else none,
 * so that compose finds them itself (`COMPOSE_FILE`, the default names and their override file),
 * and its project directory is the folder of the first file, as compose decides it.
 */
final class ComposeFiles {
  /** The file names compose looks for, in its order. */
  static final List<String> DEFAULT_FILES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

  private ComposeFiles() {}

  /** The files to name with `-f` (empty: compose's own lookup); refuses a checkout with none. */
  static List<Path> in(Path checkout, List<String> configured) {
    List<Path> files = new ArrayList<>();
    for (String name : configured) {
      Path file = checkout.resolve(name).normalize();
      if (!file.startsWith(checkout)) {
        throw new HnException(
            "docker.compose_file '" + name + "' must be a path inside the worktree.");
      }
      if (!Files.isRegularFile(file)) {
        throw new HnException(
            "No compose file "
                + name
                + " in "
                + checkout
                + "; add it on this branch or fix docker.compose_file in .hannahanna.yml.");
      }
      files.add(file);
    }
    if (configured.isEmpty()
        && DEFAULT_FILES.stream().noneMatch(f -> Files.isRegularFile(checkout.resolve(f)))
        && !namesComposeFile(checkout)) {
      throw new HnException(
          "No compose file in "
              + checkout
              + " (looked for "
              + String.join(", ", DEFAULT_FILES)
              + "); add one or set docker.compose_file in .hannahanna.yml.");
    }
    return files;
  }

  /** COMPOSE_FILE in hn's environment or in the checkout's `.env`, where compose reads it. */
  private static boolean namesComposeFile(Path checkout) {
    if (System.getenv("COMPOSE_FILE") != null) {
      return true;
    }
    try {
      Path env = checkout.resolve(".env");
      return Files.isRegularFile(env)
          && Files.readAllLines(env).stream().anyMatch(l -> l.strip().startsWith("COMPOSE_FILE="));
    } catch (IOException e) {
      return false;
    }
  }
}
