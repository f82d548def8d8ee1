package io.hannahanna.hn.worktree;

import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The per-worktree state folders in `.hn-state/worktrees/`, with their size. */
@Singleton
public class StateFolders {
  private final Workspace workspace;
  private final Worktrees worktrees;

  public StateFolders(Workspace workspace, Worktrees worktrees) {
    this.workspace = workspace;
    this.worktrees = worktrees;
  }

  /** One worktree's state folder; its worktree may be gone (`hn state clean` removes those). */
  public record StateFolder(String worktree, Path path, long bytes, boolean worktreeExists) {}

  public List<StateFolder> list() {
    Repo repo = workspace.repo();
    Path dir = repo.stateDir().resolve("worktrees");
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    Set<String> live = worktrees.liveNames();
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .map(
              p ->
                  new StateFolder(
                      p.getFileName().toString(),
                      p,
                      bytes(p),
                      live.contains(p.getFileName().toString())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of the regular files under a folder; links are not followed. */
  public static long bytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(StateFolders::size)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // gone while counting
    }
  }
}
