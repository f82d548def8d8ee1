package io.hannahanna.hn.worktree;

import java.nio.file.Path;

/** Lets tests delete a folder the way `rm -rf` would. */
public final class WorktreesTestAccess {
  private WorktreesTestAccess() {}

  public static void deleteTree(Path dir) {
    Worktrees.deleteTree(dir);
  }
}
