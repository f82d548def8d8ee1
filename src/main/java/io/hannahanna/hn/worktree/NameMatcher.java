package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds a worktree by name: exact, then case-insensitive, then a unique substring, then a unique
 * subsequence (`fauth` → feature-authentication).
 */
public final class NameMatcher {
  private NameMatcher() {}

  /**
   * The exact name, for commands that delete or overwrite: `hn remove Feat` must not remove `feat`.
   * A near name is suggested, not taken.
   */
  public static String exact(String query, List<String> names) {
    if (names.contains(query)) {
      return query;
    }
    String suggestion;
    try {
      suggestion = "; did you mean " + match(query, names) + "?";
    } catch (HnException e) {
      suggestion = "; 'hn list' shows the worktrees.";
    }
    throw new HnException(
        "No worktree is named exactly '"
            + query
            + "'"
            + suggestion
            + " Commands that delete or overwrite take the exact name.");
  }

  public static String match(String query, List<String> names) {
    if (names.contains(query)) {
      return query;
    }
    String lower = query.toLowerCase(Locale.ROOT);
    List<String> sameCase = names.stream().filter(n -> n.equalsIgnoreCase(query)).toList();
    if (sameCase.size() == 1) {
      return sameCase.get(0);
    }
    List<String> containing =
        names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(lower)).toList();
    if (containing.size() == 1) {
      return containing.get(0);
    }
    if (containing.isEmpty()) {
      // `fauth` for feature-authentication: its letters in order
      containing =
          names.stream().filter(n -> subsequence(lower, n.toLowerCase(Locale.ROOT))).toList();
      if (containing.size() == 1) {
        return containing.get(0);
      }
    }
    if (containing.size() > 1) {
      throw new HnException(
          "'"
              + query
              + "' matches several worktrees: "
              + String.join(", ", containing)
              + "; give more of the name.");
    }
    List<String> near =
        names.stream()
            .filter(
                n -> distance(lower, n.toLowerCase(Locale.ROOT)) <= Math.max(2, query.length() / 3))
            .sorted(Comparator.comparingInt(n -> distance(lower, n.toLowerCase(Locale.ROOT))))
            .limit(3)
            .toList();
    throw new HnException(
        "No worktree named '"
            + query
            + "'"
            + (near.isEmpty()
                ? "; 'hn list' shows the worktrees."
                : "; did you mean " + String.join(", ", near) + "?"));
  }

  /** Whether every character of the query appears in the name, in order. */
  static boolean subsequence(String query, String name) {
    int at = 0;
    for (int i = 0; i < name.length() && at < query.length(); i++) {
      if (name.charAt(i) == query.charAt(at)) {
        at++;
      }
    }
    return at == query.length();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
