package io.hannahanna.hn.worktree;

import io.hannahanna.hn.repo.RepositoryPaths;
import io.hannahanna.hn.state.StateDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers an hn paused while it copies their volumes, and the helper container that copies,
 * noted in the state folder before they are touched: the next hn resumes the ones a killed hn left
 * paused and removes its helper.
 */
public final class PausedContainers {
  private static final String FOLDER = "paused";

  private final Path note;
  private final List<String> lines = new ArrayList<>();

  private PausedContainers(Path note) {
    this.note = note;
  }

  /** What a killed hn left: containers still to resume, helpers still to remove. */
  public record Left(List<String> paused, List<String> helpers) {
    public boolean isEmpty() {
      return paused.isEmpty() && helpers.isEmpty();
    }
  }

  /** A note of this process's own, never written through a link a repository committed. */
  public static PausedContainers begin(Path stateRoot) {
    ProcessIdentity me = ProcessIdentity.current();
    Path note =
        RepositoryPaths.noLinkOut(
            StateDirectory.ensure(stateRoot),
            FOLDER + "/" + me.pid(),
            "hn's note of paused containers");
    PausedContainers paused = new PausedContainers(note);
    paused.lines.addAll(List.of(Long.toString(me.pid()), me.started()));
    paused.save();
    return paused;
  }

  /** Notes a container before hn pauses it. */
  public void pausing(String container) {
    lines.add("paused " + container);
    save();
  }

  /** Notes a helper container once it exists. */
  public void helper(String container) {
    lines.add("helper " + container);
    save();
  }

  /** Everything was resumed and removed. */
  public void end() {
    try {
      Files.deleteIfExists(note);
    } catch (IOException e) {
      // a later hn resumes the containers again, which changes nothing
    }
  }

  private void save() {
    try {
      Files.createDirectories(note.getParent());
      Files.write(note, lines);
    } catch (IOException e) {
      // without the note the copy still runs; only the recovery after a kill is lost
    }
  }

  /** Collects, and forgets, what hn processes that are gone left paused. */
  static Left leftByKilled(Path stateRoot) {
    List<String> paused = new ArrayList<>();
    List<String> helpers = new ArrayList<>();
    Path folder = stateRoot.resolve(FOLDER);
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return new Left(paused, helpers);
    }
    try (DirectoryStream<Path> notes = Files.newDirectoryStream(folder)) {
      for (Path note : notes) {
        if (!Files.isRegularFile(note, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        List<String> lines = Files.readAllLines(note);
        if (lines.size() >= 2
            && new ProcessIdentity(Long.parseLong(lines.get(0)), lines.get(1)).alive()) {
          continue;
        }
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
          String[] f = line.split(" ", 2);
          if (f.length == 2 && f[1].matches("[0-9a-f]{12,64}")) {
            (f[0].equals("paused") ? paused : helpers).add(f[1]);
          }
        }
        Files.deleteIfExists(note);
      }
    } catch (IOException | RuntimeException e) {
      // a note that cannot be read is no reason to stop the command
    }
    return new Left(paused, helpers);
  }
}
