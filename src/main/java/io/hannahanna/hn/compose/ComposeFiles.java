package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
        throw new ComposeUnavailable(
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
      throw new ComposeUnavailable(
          "No compose file in "
              + checkout
              + " (looked for "
              + String.join(", ", DEFAULT_FILES)
              + "); add one or set docker.compose_file in .hannahanna.yml.");
    }
    // COMPOSE_FILE of the user's own environment is theirs; the repository's .env is not
    ComposeFilesInside.require(
        checkout,
        files,
        fromDotEnv(checkout, "COMPOSE_FILE").map(v -> List.of(v.split(":"))).orElse(List.of()));
    return files;
  }

  /** COMPOSE_FILE in hn's environment or in the checkout's `.env`, where compose reads it. */
  private static boolean namesComposeFile(Path checkout) {
    return variable(checkout, "COMPOSE_FILE").isPresent();
  }

  /**
   * COMPOSE_PROFILES as compose reads it (hn's environment, else the `.env` of the project
   * directory): compose ignores it once a `--profile` is given, so hn passes these on itself. Read
   * at start, after {@link #in} checked the files when the project was prepared.
   */
  static List<String> profiles(Path checkout, List<String> configured) {
    Path directory =
        configured.isEmpty()
            ? checkout
            : checkout.resolve(configured.get(0)).normalize().getParent();
    return variable(directory, "COMPOSE_PROFILES").stream()
        .map(v -> interpolated(directory, v))
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .toList();
  }

  private static final java.util.regex.Pattern REFERENCE =
      java.util.regex.Pattern.compile(
          "\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

  /**
   * A value with its `${NAME}`, `${NAME:-default}` and `$NAME` filled in as compose does (from hn's
   * environment, else the folder's `.env`): `COMPOSE_PROFILES=${DOC_ENGINE},${DEVICE}`.
   */
  static String interpolated(Path directory, String value) {
    java.util.regex.Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(4);
      Optional<String> set = variable(directory, name);
      String operator = m.group(2);
      String replacement;
      if (":-".equals(operator)) {
        replacement = set.filter(v -> !v.isEmpty()).orElse(m.group(3));
      } else if ("-".equals(operator)) {
        replacement = set.orElse(m.group(3));
      } else {
        replacement = set.orElse(""); // ${NAME}, $NAME, and ${NAME:?…}, which compose refuses
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A compose variable from hn's environment, else from the `.env` in a folder. */
  private static Optional<String> variable(Path directory, String name) {
    String value = System.getenv(name);
    return value != null ? Optional.of(value) : fromDotEnv(directory, name);
  }

  /** A variable the `.env` in a folder sets. */
  private static Optional<String> fromDotEnv(Path directory, String name) {
    Path env = directory.resolve(".env");
    try {
      if (Files.isRegularFile(env)) {
        for (String line : Files.readAllLines(env)) {
          String entry = line.strip();
          if (entry.startsWith(name + "=")) {
            return Optional.of(unquote(entry.substring(name.length() + 1).strip()));
          }
        }
      }
    } catch (IOException e) {
      // unreadable: compose will say so itself
    }
    return Optional.empty();
  }

  private static String unquote(String value) {
    boolean quoted =
        value.length() >= 2
            && (value.charAt(0) == '"' || value.charAt(0) == '\'')
            && value.charAt(value.length() - 1) == value.charAt(0);
    return quoted ? value.substring(1, value.length() - 1) : value;
  }
}
