package io.hannahanna.hn.compose;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One worktree's compose project: its name, the file hn generated for it, and the worktree as
 * project directory.
 */
public record ComposeProject(String name, Path file, Path directory) {

  /**
   * Cuts a name to compose's rules: lowercase a-z, 0-9, '_' and '-', starting with a letter or
   * digit.
   */
  public static String sanitize(String name) {
    String cut =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^[^a-z0-9]+", "");
    return cut.isEmpty() ? "hn" : cut;
  }
}
