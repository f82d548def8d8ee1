package io.hannahanna.hn.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.support.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTest {
  @TempDir Path tmp;

  /** What git 2.39 printed here while another git was adding a worktree (ScaleBenchmark). */
  @Test
  void anEntryOfGitsWorktreeListReadHalfWrittenIsARaceWorthAnotherTry() {
    assertTrue(
        Git.readWhileWorktreesChanged(
            "fatal: failed to read .git/worktrees/w3/commondir: Success\n"));
    assertTrue(
        Git.readWhileWorktreesChanged(
            "fatal: failed to read '.git/worktrees/r3p2w3/locked': No such file or directory\n"));
    assertFalse(Git.readWhileWorktreesChanged("fatal: not a git repository (or any parent)\n"));
    assertFalse(Git.readWhileWorktreesChanged("fatal: invalid reference: nope\n"));
    assertFalse(
        Git.readWhileWorktreesChanged("fatal: 'x' is already checked out at '/tmp/worktrees/x'\n"));
  }

  /**
   * Another git is half-way through adding a worktree (its entry's commondir still empty): the real
   * git fails on it, and hn asks again once that git is done instead of failing the command.
   */
  @Test
  void aWorktreeListReadWhileAnotherGitAddsOneIsAskedAgain() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.git("worktree", "add", "-q", repo.worktree("done").toString());
    Path done = repo.root().resolve(".git/worktrees/done");
    Path ghost = Files.createDirectories(repo.root().resolve(".git/worktrees/ghost"));
    for (String file : new String[] {"HEAD", "gitdir"}) {
      Files.copy(done.resolve(file), ghost.resolve(file));
    }
    Files.writeString(ghost.resolve("commondir"), "");
    CompletableFuture<Void> finished =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(150);
                Files.writeString(ghost.resolve("commondir"), "../..\n");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    var listed = new Git(new ProcessRunner()).worktrees(repo.root());
    finished.get(10, TimeUnit.SECONDS);
    assertEquals(3, listed.size(), listed.toString());
  }
}
