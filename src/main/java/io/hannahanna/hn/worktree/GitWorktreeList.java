package io.hannahanna.hn.worktree;

import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Repo;

/**
 * The git commands that change git's own list of worktrees (`worktree add`, `remove`, `prune`), run
 * by one hn at a time per repository (see {@link LifecycleLock#gitWorktrees}). Readers of the list
 * need no lock: {@link Git} asks again when it read an entry half-written.
 */
final class GitWorktreeList {
  private GitWorktreeList() {}

  static ProcessResult change(Git git, Repo repo, String... args) {
    return change(git, repo, repo.root(), args);
  }

  @SuppressWarnings("try") // the lock is held through the command, never referenced in it
  static ProcessResult change(Git git, Repo repo, java.nio.file.Path dir, String... args) {
    try (LifecycleLock held = LifecycleLock.gitWorktrees(repo.stateDir())) {
      return git.run(dir, args);
    }
  }
}
