package io.hannahanna.hn.repo;

import io.hannahanna.hn.config.HnConfig;
import java.nio.file.Path;

/**
 * The repository hn runs in: its main checkout, the worktree hn was started in and its config.
 *
 * @param root the main checkout's root (canonical path; the repository's key in the database)
 * @param current the root of the worktree (or main checkout) hn was started in
 * @param configDigest SHA-256 of the `.hannahanna.yml` that {@code config} was read from (null: no
 *     file), what `hn trust` records
 * @param uid the repository's id in the registry (see {@link RepositoryId}); null if it has none
 */
public record Repo(Path root, Path current, HnConfig config, String configDigest, String uid) {

  public Path configFile() {
    return root.resolve(io.hannahanna.hn.config.ConfigLoader.FILE_NAME);
  }

  public String name() {
    return root.getFileName().toString();
  }

  public Path stateDir() {
    return root.resolve(".hn-state");
  }

  public Path stateDir(String worktree) {
    return stateDir().resolve("worktrees").resolve(worktree);
  }

  public boolean inMainCheckout() {
    return current.equals(root);
  }
}
