package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The compose files a checkout's project reads stay inside the checkout, after following links: a
 * repository can commit `compose.yml -> /etc/shadow` (compose would quote a line of it in its
 * error) or name an outside file through `include` or `extends`.
 */
final class ComposeFilesInside {
  /** The override files compose reads beside its default file. */
  private static final List<String> OVERRIDES =
      List.of(
          "compose.override.yaml",
          "compose.override.yml",
          "docker-compose.override.yml",
          "docker-compose.override.yaml");

  private static final int MAX_DEPTH = 16;

  private ComposeFilesInside() {}

  /**
   * Checks the named files (or, with none, those compose finds itself) and every file they include
   * or extend.
   */
  static void require(Path checkout, List<Path> named, List<String> fromComposeFile) {
    Path inside = real(checkout, checkout);
    List<Path> roots = new ArrayList<>(named);
    if (named.isEmpty()) {
      fromComposeFile.forEach(f -> roots.add(checkout.resolve(f)));
      ComposeFiles.DEFAULT_FILES.stream()
          .map(checkout::resolve)
          .filter(f -> Files.exists(f, LinkOption.NOFOLLOW_LINKS))
          .findFirst()
          .ifPresent(roots::add);
      OVERRIDES.forEach(f -> roots.add(checkout.resolve(f)));
    }
    Set<Path> seen = new HashSet<>();
    for (Path root : roots) {
      check(checkout, inside, root, seen, 0);
    }
  }

  private static void check(Path checkout, Path inside, Path file, Set<Path> seen, int depth) {
    if (depth > MAX_DEPTH || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return; // a missing file is compose's to report
    }
    Path real = real(checkout, file);
    if (!real.startsWith(inside)) {
      throw refusal(checkout, file);
    }
    if (!seen.add(real) || !Files.isRegularFile(real)) {
      return;
    }
    for (String reference : references(real)) {
      if (!reference.contains("://") && !reference.contains("${")) {
        check(checkout, inside, file.getParent().resolve(reference).normalize(), seen, depth + 1);
      }
    }
  }

  /** The files a compose file includes (`include`) or extends (`extends.file`). */
  private static List<String> references(Path file) {
    Object loaded;
    try {
      loaded =
          new Load(LoadSettings.builder().setMaxAliasesForCollections(100_000).build())
              .loadFromString(Files.readString(file));
    } catch (IOException | YamlEngineException e) {
      return List.of(); // compose reports what it cannot read
    }
    List<String> references = new ArrayList<>();
    if (!(loaded instanceof Map<?, ?> document)) {
      return references;
    }
    if (document.get("include") instanceof List<?> includes) {
      for (Object include : includes) {
        Object path = include instanceof Map<?, ?> entry ? entry.get("path") : include;
        if (path instanceof List<?> paths) {
          paths.forEach(p -> references.add(String.valueOf(p)));
        } else if (path != null) {
          references.add(String.valueOf(path));
        }
      }
    }
    if (document.get("services") instanceof Map<?, ?> services) {
      for (Object service : services.values()) {
        if (service instanceof Map<?, ?> definition
            && definition.get("extends") instanceof Map<?, ?> extended
            && extended.get("file") != null) {
          references.add(String.valueOf(extended.get("file")));
        }
      }
    }
    return references;
  }

  private static Path real(Path checkout, Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      throw refusal(checkout, file); // a link that leads nowhere
    }
  }

  private static HnException refusal(Path checkout, Path file) {
    return new HnException(
        "The compose file "
            + checkout.relativize(file)
            + " leads outside "
            + checkout
            + " (a symbolic link or a path out); hn uses only compose files inside the"
            + " repository.");
  }
}
