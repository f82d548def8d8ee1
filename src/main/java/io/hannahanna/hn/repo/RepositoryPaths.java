package io.hannahanna.hn.repo;

import io.hannahanna.hn.HnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Paths a repository's config names (shared resources, copies, the env file): they must stay inside
 * the checkout, as written and after following the symbolic links the repository may have
 * committed.
 */
public final class RepositoryPaths {
  private RepositoryPaths() {}

  /**
   * Like {@link #inside}, and the part of the path that exists must not lead out of {@code base}
   * through a symbolic link: a repository can commit `out -> /somewhere` or `.env -> /etc/shadow`.
   */
  public static Path noLinkOut(Path base, String relative, String what) {
    Path path = inside(base, relative, what);
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    try {
      Path realBase = base.toRealPath();
      if (existing != null && existing.toRealPath().startsWith(realBase)) {
        return path;
      }
    } catch (IOException e) {
      // a link that leads nowhere: refused like one that leads out
    }
    throw new HnException(
        what
            + " '"
            + relative
            + "' leads outside the repository through a symbolic link; hn does not follow links"
            + " out of the repository.");
  }

  /**
   * Where a path really leads: its longest existing part with every link followed, then the rest as
   * written (a committed link in a sibling worktree can lead anywhere); empty for a link that leads
   * nowhere.
   */
  public static java.util.Optional<Path> resolvingLinks(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return java.util.Optional.of(path);
    }
    try {
      return java.util.Optional.of(
          existing.toRealPath().resolve(existing.relativize(path)).normalize());
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  public static Path inside(Path base, String relative, String what) {
    Path given = Path.of(relative);
    Path resolved = base.resolve(given).normalize();
    if (given.isAbsolute() || !resolved.startsWith(base) || resolved.equals(base)) {
      throw new HnException(
          what + " '" + relative + "' must be a relative path inside the repository.");
    }
    return resolved;
  }
}
