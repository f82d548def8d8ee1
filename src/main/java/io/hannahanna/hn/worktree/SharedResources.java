package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.config.HnConfig.SharedResource;
import io.hannahanna.hn.repo.GitExclude;
import io.hannahanna.hn.repo.RepositoryPaths;
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
      RepositoryPaths.inside(root, r.source(), "shared_resources source");
      RepositoryPaths.inside(root, r.target(), "shared_resources target");
      if (r.compatibility() != null) {
        RepositoryPaths.inside(root, r.compatibility(), "shared_resources compatibility");
      }
    }
    for (String entry : config.sharedCopy()) {
      Copy copy = Copy.parse(entry);
      RepositoryPaths.inside(root, copy.source(), "shared.copy source");
      RepositoryPaths.inside(root, copy.target(), "shared.copy target");
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
    Path source = RepositoryPaths.noLinkOut(main, r.source(), "shared_resources source");
    Path target = RepositoryPaths.noLinkOut(worktree, r.target(), "shared_resources target");
    if (!Files.exists(source)) {
      diagnostics.warn(
          "shared resource " + r.source() + " does not exist in the main checkout; not linked.");
      return;
    }
    if (r.compatibility() != null
        && !sameContent(
            RepositoryPaths.noLinkOut(main, r.compatibility(), "compatibility"),
            RepositoryPaths.noLinkOut(worktree, r.compatibility(), "compatibility"))) {
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
      GitExclude.add(main, worktree, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link " + target, e);
    }
  }

  private void copy(Copy c, Path main, Path worktree) {
    Path source = RepositoryPaths.noLinkOut(main, c.source(), "shared.copy source");
    Path target = RepositoryPaths.noLinkOut(worktree, c.target(), "shared.copy target");
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
      GitExclude.add(main, worktree, target);
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
}
