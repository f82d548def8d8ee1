package io.hannahanna.hn.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * `.hn-templates/<name>/` in the main checkout: files for `hn add --template <name>`, and an
 * optional `.hannahanna.yml` fragment merged over the repository's config for that add. Only real
 * folders count: a link (which a clone can bring, pointing anywhere) is not a template.
 */
public final class TemplateFolders {
  public static final String DIR = ".hn-templates";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private TemplateFolders() {}

  /** The templates' names, sorted. */
  public static List<String> names(Path root) {
    Path dir = root.resolve(DIR);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A name a template folder may have. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public static Path folder(Path root, String name) {
    return root.resolve(DIR).resolve(name);
  }

  /** The template's config fragment, when it has one that is a regular file (not a link). */
  public static java.util.Optional<Path> fragment(Path root, String name) {
    Path file = folder(root, name).resolve(ConfigLoader.FILE_NAME);
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        ? java.util.Optional.of(file)
        : java.util.Optional.empty();
  }
}
