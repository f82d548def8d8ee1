package io.hannahanna.hn.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Keeps what hn puts into a worktree (shared links, copies, the env file) out of `git status`, as
 * lines of the repository's `.git/info/exclude` (which git reads for every worktree). The names
 * come from the repository's config, so glob characters are escaped: a target named `*` hides only
 * itself.
 */
public final class GitExclude {
  private GitExclude() {}

  /** Adds the file (inside the worktree) unless its line is there already. */
  public static void add(Path repoRoot, Path worktree, Path file) throws IOException {
    String relative = worktree.relativize(file).toString();
    if (relative.chars().anyMatch(Character::isISOControl)) {
      return; // a line break would add a pattern of its own; such a file shows in git status
    }
    Path exclude = repoRoot.resolve(".git/info/exclude");
    String line = "/" + escape(relative);
    List<String> lines = Files.exists(exclude) ? Files.readAllLines(exclude) : List.of();
    if (!lines.contains(line)) {
      Files.createDirectories(exclude.getParent());
      String separator =
          Files.exists(exclude) && Files.size(exclude) > 0 && !endsWithNewline(exclude) ? "\n" : "";
      Files.writeString(
          exclude, separator + line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  /** A path as a gitignore pattern that matches only itself. */
  static String escape(String path) {
    StringBuilder pattern = new StringBuilder();
    for (char c : path.toCharArray()) {
      if ("\\*?[]!#".indexOf(c) >= 0) {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    // trailing spaces are dropped by git unless escaped
    int end = pattern.length();
    while (end > 0 && pattern.charAt(end - 1) == ' ') {
      end--;
    }
    return pattern.substring(0, end) + pattern.substring(end).replace(" ", "\\ ");
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return bytes.length > 0 && bytes[bytes.length - 1] == '\n';
  }
}
