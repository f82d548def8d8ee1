package io.hannahanna.hn.repo;

import io.hannahanna.hn.HnException;
import java.util.regex.Pattern;

/**
 * A worktree name is at once a folder name, a branch name and part of a compose project name, so
 * only the characters all three accept are allowed.
 */
public final class WorktreeName {
  public static final String RULE =
      "letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private WorktreeName() {}

  /** Names git gives its own refs: a branch of that name would be mistaken for them. */
  private static final Pattern GIT_SPECIAL =
      Pattern.compile(
          "HEAD|FETCH_HEAD|ORIG_HEAD|MERGE_HEAD|CHERRY_PICK_HEAD|REVERT_HEAD|"
              + "BISECT_HEAD|REBASE_HEAD|AUTO_MERGE|stash");

  public static String validate(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw new HnException(
          "Invalid worktree name '" + name + "': use " + RULE + " (for example feat-login).");
    }
    if (GIT_SPECIAL.matcher(name).matches()) {
      throw new HnException(
          "'" + name + "' is a name git uses for its own refs; pick another worktree name.");
    }
    return name;
  }
}
