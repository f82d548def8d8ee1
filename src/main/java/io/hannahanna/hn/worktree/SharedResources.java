package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.config.HnConfig.SharedResource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Links directories of the main checkout into a new worktree (`shared_resources`) and copies files
 * into it once (`shared.copy`). Every path stays inside its checkout.
 */
@Singleton
public class SharedResources {
  private final Diagnostics diagnostics;

  public SharedResources(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** A copy entry `"src -> dst"`. */
  public record Copy(String source, String target) {
    static Copy parse(String entry) {
      String[] parts = entry.split("->", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new HnException(
            "shared.copy entry '" + entry + "' must look like \"source -> target\".");
      }
      return new Copy(parts[0].strip(), parts[1].strip());
    }
  }

  /** Refuses paths that leave their checkout before anything is created. */
  public void validate(HnConfig config) {
    Path root = Path.of("/checkout");
    for (SharedResource r : config.sharedResources()) {
      inside(root, r.source(), "shared_resources source");
      inside(root, r.target(), "shared_resources target");
      if (r.compatibility() != null) {
        inside(root, r.compatibility(), "shared_resources compatibility");
      }
    }
    for (String entry : config.sharedCopy()) {
      Copy copy = Copy.parse(entry);
      inside(root, copy.source(), "shared.copy source");
      inside(root, copy.target(), "shared.copy target");
    }
  }

  public void apply(HnConfig config, Path main, Path worktree) {
    for (SharedResource r : config.sharedResources()) {
      link(r, main, worktree);
    }
    for (String entry : config.sharedCopy()) {
      copy(Copy.parse(entry), main, worktree);
    }
  }

  private void link(SharedResource r, Path main, Path worktree) {
    Path source = noLinkOut(main, r.source(), "shared_resources source");
    Path target = noLinkOut(worktree, r.target(), "shared_resources target");
    if (!Files.exists(source)) {
      diagnostics.warn(
          "shared resource " + r.source() + " does not exist in the main checkout; not linked.");
      return;
    }
    if (r.compatibility() != null
        && !sameContent(
            noLinkOut(main, r.compatibility(), "compatibility"),
            noLinkOut(worktree, r.compatibility(), "compatibility"))) {
      diagnostics.info(
          "Not sharing "
              + r.source()
              + ": "
              + r.compatibility()
              + " differs from the main checkout.");
      return;
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      diagnostics.warn(r.target() + " already exists in the worktree; not linked.");
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Files.createSymbolicLink(target, source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link " + target, e);
    }
  }

  private void copy(Copy c, Path main, Path worktree) {
    Path source = noLinkOut(main, c.source(), "shared.copy source");
    Path target = noLinkOut(worktree, c.target(), "shared.copy target");
    if (!Files.isRegularFile(source)) {
      diagnostics.warn(
          "shared.copy source " + c.source() + " is not a file in the main checkout; not copied.");
      return;
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      Files.copy(source, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy to " + target, e);
    }
  }

  private static boolean sameContent(Path a, Path b) {
    try {
      return Files.isRegularFile(a)
          && Files.isRegularFile(b)
          && Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Like {@link #inside}, and the part of the path that exists must not lead out of {@code base}
   * through a symbolic link: a repository can commit `out -> /somewhere` or `.env -> /etc/shadow`.
   */
  static Path noLinkOut(Path base, String relative, String what) {
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

  static Path inside(Path base, String relative, String what) {
    Path given = Path.of(relative);
    Path resolved = base.resolve(given).normalize();
    if (given.isAbsolute() || !resolved.startsWith(base) || resolved.equals(base)) {
      throw new HnException(
          what + " '" + relative + "' must be a path inside the repository, such as node_modules.");
    }
    return resolved;
  }
}
