package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.repo.RepositoryPaths;
import io.hannahanna.hn.state.StateDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Git operations hn cannot make atomic (a snapshot restore, a merge): each leaves a note in the
 * worktree's state folder while it runs. A note whose hn is gone was interrupted (a kill, a power
 * cut): the next hn says what was left half-done and how to finish or undo it, once.
 */
final class InterruptedOperations {
  static final String FILE = "interrupted-operation";

  private InterruptedOperations() {}

  /**
   * Notes that an operation starts on a worktree; what to tell the user if it never ends. Never
   * written through a link a repository committed into `.hn-state` (the operation is refused).
   */
  static Path begin(Path stateRoot, String worktree, String advice) {
    Path note =
        RepositoryPaths.noLinkOut(
            StateDirectory.ensure(stateRoot),
            "worktrees/" + worktree + "/" + FILE,
            "hn's note of an operation");
    ProcessIdentity me = ProcessIdentity.current();
    try {
      Files.createDirectories(note.getParent());
      Files.deleteIfExists(note);
      Files.write(
          note,
          List.of(Long.toString(me.pid()), me.started(), advice),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      // without the note the operation still runs; only the advice after a kill is lost
    }
    return note;
  }

  static void end(Path note) {
    try {
      Files.deleteIfExists(note);
    } catch (IOException e) {
      // reported (harmlessly) by a later hn
    }
  }

  /** Says once what interrupted operations left behind in the repository's worktrees. */
  static void report(Path stateRoot, Diagnostics diagnostics) {
    Path worktrees = stateRoot.resolve("worktrees");
    if (!Files.isDirectory(worktrees)) {
      return;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(worktrees)) {
      for (Path folder : folders) {
        Path note = folder.resolve(FILE);
        if (!Files.isRegularFile(note, LinkOption.NOFOLLOW_LINKS)) {
          continue; // none, or a link a repository committed: never read through it
        }
        List<String> lines = Files.readAllLines(note);
        if (lines.size() < 3
            || !new ProcessIdentity(Long.parseLong(lines.get(0)), lines.get(1)).alive()) {
          diagnostics.warn(lines.size() < 3 ? "an hn operation was interrupted." : lines.get(2));
          Files.deleteIfExists(note);
        }
      }
    } catch (IOException | RuntimeException e) {
      // a note that cannot be read is no reason to stop the command
    }
  }
}
