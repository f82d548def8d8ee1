package io.hannahanna.hn.worktree;

import io.hannahanna.hn.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What a template is for, where hannahanna looks: `template.description` in its .hannahanna.yml,
 * else the first line of its README.md, else description.txt. One line, no control characters (a
 * repository's text reaches the terminal).
 */
final class TemplateDescriptions {
  private static final int MAX_BYTES = 64 * 1024;

  private TemplateDescriptions() {}

  static String of(Path folder) {
    String fromConfig = fromConfig(folder.resolve(ConfigLoader.FILE_NAME));
    if (fromConfig != null) {
      return clean(fromConfig);
    }
    String readme = read(folder.resolve("README.md"));
    if (readme != null) {
      return readme
          .lines()
          .filter(l -> !l.isBlank())
          .findFirst()
          .map(l -> clean(l.replaceFirst("^#+", "")))
          .orElse(null);
    }
    String text = read(folder.resolve("description.txt"));
    return text == null ? null : clean(text);
  }

  private static String fromConfig(Path file) {
    String text = read(file);
    if (text == null) {
      return null;
    }
    try {
      Object doc =
          new Load(LoadSettings.builder().setMaxAliasesForCollections(10).build())
              .loadFromString(text);
      if (doc instanceof Map<?, ?> top
          && top.get("template") instanceof Map<?, ?> template
          && template.get("description") instanceof String description) {
        return description;
      }
    } catch (RuntimeException e) {
      // a broken fragment is reported when the template is used; no description here
    }
    return null;
  }

  private static String read(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
        return null;
      }
      return Files.readString(file);
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
  }

  private static String clean(String text) {
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.isEmpty() ? null : line.length() > 200 ? line.substring(0, 200) : line;
  }
}
