package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.RepositoryPaths;
import io.hannahanna.hn.state.StateDirectory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One hn at a time starts, stops or takes down a worktree's stack: two `hn docker start` at once
 * would both create its containers ("container name already in use"). The second waits and says so.
 * Also one hn at a time changes git's worktree list. An OS file lock, so a killed hn never leaves
 * it held.
 */
public final class LifecycleLock implements AutoCloseable {
  private static final String FILE = "lifecycle.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private LifecycleLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Holds the worktree's lock until closed, waiting for another hn that holds it. The lock file is
   * never opened through a link a repository committed into `.hn-state`.
   */
  public static LifecycleLock hold(Path stateRoot, String worktree, Diagnostics diagnostics) {
    return hold(
        stateRoot,
        "worktrees/" + worktree + "/" + FILE,
        "hn's lock of a worktree's stack",
        () ->
            diagnostics.info(
                "hn: another hn is starting or stopping '" + worktree + "'; waiting for it…"));
  }

  /**
   * Holds the repository's lock on git's own worktree list (.git/worktrees) until closed: two `git
   * worktree add` at once can each read the other's half-written entry and fail ("failed to read
   * .git/worktrees/w3/commondir"). Held for one git command, so waits are short and silent.
   */
  public static LifecycleLock gitWorktrees(Path stateRoot) {
    return hold(stateRoot, "git-worktrees.lock", "hn's lock of git's worktree list", () -> {});
  }

  private static LifecycleLock hold(
      Path stateRoot, String relative, String what, Runnable waiting) {
    Path file = RepositoryPaths.noLinkOut(StateDirectory.ensure(stateRoot), relative, what);
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        waiting.run();
        lock = channel.lock();
      }
      return new LifecycleLock(channel, lock);
    } catch (IOException e) {
      throw new HnException("Cannot lock " + file + ": " + e.getMessage() + ".", e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // closing the channel releases the lock in any case
    }
  }
}
