package io.hannahanna.hn.worktree;

import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Taking back a snapshot restore that did not apply: only what the restore itself could have
 * created goes, never a file that was there before (an ignored file of the user's) and never
 * through a link.
 */
final class SnapshotUndo {
  private SnapshotUndo() {}

  /**
   * The snapshot's untracked files that do not exist in the worktree now, each reached without a
   * symbolic link on the way (a file behind a link is never one the restore may remove).
   */
  static List<Path> absentUntracked(Git git, Worktree w, String ref) {
    ProcessResult untracked = git.run(w.path(), "ls-tree", "-r", "-z", "--name-only", ref + "^3");
    List<Path> result = new ArrayList<>();
    if (untracked.ok()) {
      for (String path : untracked.stdout().split("\0")) {
        Path file = w.path().resolve(path).normalize();
        if (!path.isEmpty()
            && file.startsWith(w.path())
            && noLinkOnTheWay(w.path(), file)
            && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          result.add(file);
        }
      }
    }
    return result;
  }

  /** The clean worktree the restore started from: tracked files reset, what it created gone. */
  static void takeBack(Git git, Worktree w, List<Path> created) {
    git.run(w.path(), "reset", "--hard", "--quiet", "HEAD");
    for (Path file : created) {
      try {
        if (noLinkOnTheWay(w.path(), file)) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        // left in place: it is reported by git status
      }
    }
  }

  /** No folder between the worktree and the file is a symbolic link. */
  private static boolean noLinkOnTheWay(Path worktree, Path file) {
    for (Path dir = file.getParent();
        dir != null && dir.startsWith(worktree) && !dir.equals(worktree);
        dir = dir.getParent()) {
      if (Files.isSymbolicLink(dir)) {
        return false;
      }
    }
    return true;
  }
}
