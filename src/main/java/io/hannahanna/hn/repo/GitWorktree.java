package io.hannahanna.hn.repo;

import java.nio.file.Path;

/** One entry of `git worktree list --porcelain`. */
public record GitWorktree(
    Path path, String head, String branch, boolean main, boolean prunable, boolean locked) {

  public String shortHead() {
    return head == null ? "" : head.substring(0, Math.min(7, head.length()));
  }
}
