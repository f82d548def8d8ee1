package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Repo;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Undoes or completes what a creation or removal left: the environment, git's worktree and branch,
 * hn's state folder and row. Used when a step fails and when a killed hn left work half-done.
 */
@Singleton
public class WorktreeCleanup {
  private final Git git;
  private final WorktreeStore store;
  private final Diagnostics diagnostics;

  public WorktreeCleanup(Git git, WorktreeStore store, Diagnostics diagnostics) {
    this.git = git;
    this.store = store;
    this.diagnostics = diagnostics;
  }

  /** A branch `hn remove --delete-branch` deletes once the worktree is gone (-D with force). */
  public record BranchDeletion(String branch, boolean force) {}

  /**
   * Once git has removed the worktree (or never had it): the branch asked to go, then its ports,
   * state and row. The row goes last: it holds the intent a later hn finishes after a kill.
   */
  void finishRemoval(
      Repo repo,
      Worktree target,
      String parent,
      WorktreeEnvironment environment,
      BranchDeletion deletion) {
    if (Files.isDirectory(target.path())) {
      GitWorktreeList.change(git, repo, "worktree", "remove", "--force", target.path().toString());
    }
    GitWorktreeList.change(git, repo, "worktree", "prune");
    if (deletion != null) {
      deleteBranch(repo, deletion);
    }
    environment.release(target);
    Worktrees.deleteTree(repo.stateDir(target.name()));
    store.delete(repo, target.name(), parent);
  }

  private void deleteBranch(Repo repo, BranchDeletion deletion) {
    if (!git.run(repo.root(), "rev-parse", "--verify", "--quiet", "refs/heads/" + deletion.branch())
        .ok()) {
      return; // gone already (a removal finished after a kill)
    }
    ProcessResult deleted =
        git.run(
            repo.root(),
            "branch",
            deletion.force() ? "-D" : "-d",
            "--end-of-options",
            deletion.branch());
    if (!deleted.ok()) {
      diagnostics.warn(
          "branch "
              + deletion.branch()
              + " was kept: "
              + deleted.errorLine()
              + " (use --force to delete it anyway).");
    }
  }

  /**
   * Undoes whatever of a creation exists (each step also when it never happened): the environment,
   * the worktree, the branch while it still points where hn created it, the state and the row.
   */
  void rollBack(
      Repo repo,
      String name,
      Path path,
      String branch,
      String branchCreatedAt,
      WorktreeEnvironment environment,
      String mainName) {
    Worktree partial =
        new Worktree(name, branch, "", path, null, false, false, !Files.isDirectory(path), null);
    environment.tearDown(partial);
    environment.release(partial);
    ProcessResult removed =
        GitWorktreeList.change(git, repo, "worktree", "remove", "--force", path.toString());
    if (!removed.ok() && Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Worktrees.deleteTree(path); // git was killed before it registered the folder
    }
    GitWorktreeList.change(git, repo, "worktree", "prune");
    if (branchCreatedAt != null) {
      ProcessResult head =
          git.run(repo.root(), "rev-parse", "--verify", "--quiet", "refs/heads/" + branch);
      if (head.ok() && head.stdout().strip().equals(branchCreatedAt)) {
        git.run(repo.root(), "branch", "-D", "--end-of-options", branch);
      } else if (head.ok()) {
        diagnostics.warn("branch " + branch + " has new commits, so hn kept it.");
      }
    }
    Worktrees.deleteTree(repo.stateDir(name));
    try {
      store.delete(repo, name, mainName);
    } catch (RuntimeException e) {
      diagnostics.warn("could not remove the database row of '" + name + "': " + e.getMessage());
    }
  }
}
