package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.config.Templates;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which compose project a worktree has: its name (docker.project_name), the file hn generates for
 * it and the compose command the repository may run. Shared by preparing, running and inspecting.
 */
@Singleton
public class ComposeProjects {
  public static final String FILE_NAME = "compose.yml";

  private final Workspace workspace;
  private final ComposeCli compose;
  private final Docker docker;
  private final RepositoryTrust trust;
  private final EngineTarget engine;

  public ComposeProjects(
      Workspace workspace,
      ComposeCli compose,
      Docker docker,
      RepositoryTrust trust,
      EngineTarget engine) {
    this.engine = engine;
    this.workspace = workspace;
    this.compose = compose;
    this.docker = docker;
    this.trust = trust;
  }

  HnConfig.Docker config() {
    return workspace.repo().config().docker();
  }

  /** The repository's compose command where its config is trusted; null: found by hn. */
  String composeCommand() {
    return trust.composeCommand(workspace.repo());
  }

  /** The argv prefix of the compose command this repository uses (e.g. [docker, compose]). */
  public List<String> composeArgv() {
    return compose.command(composeCommand());
  }

  public ComposeProject project(Worktree worktree) {
    engine.select(worktree.name()); // its docker and compose processes go to its engine
    Repo repo = workspace.repo();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("repo_name", repo.name());
    values.put("repo_hash", repoHash(repo));
    values.put("worktree_name", worktree.name());
    values.put("branch", worktree.branch() == null ? "" : worktree.branch());
    String name =
        ComposeProject.sanitize(
            Templates.render(trust.projectName(repo), values, "docker.project_name"));
    if (!name.contains(values.get("repo_hash"))) {
      // a part only hn chooses: no name can be another repository's project
      name = name + "-" + values.get("repo_hash");
    }
    return new ComposeProject(
        name, repo.stateDir(worktree.name()).resolve(FILE_NAME), worktree.path());
  }

  /**
   * Refuses a project whose containers or volumes hn made for another repository or worktree (or
   * did not make): starting it would recreate them from this repository's file and mount their
   * volumes, taking it down would remove them.
   */
  void requireOwn(Worktree worktree, ComposeProject project) {
    String own = workspace.repo().root() + "\t" + worktree.name();
    docker.projectOwners(project.name()).stream()
        .filter(owner -> !owner.equals(own))
        .findFirst()
        .ifPresent(
            other -> {
              String[] f = other.split("\t", -1);
              throw new HnException(
                  "The compose project '"
                      + project.name()
                      + "' holds containers or volumes "
                      + (f[0].isEmpty()
                          ? "that hn did not create"
                          : "of worktree '" + f[1] + "' of " + f[0])
                      + ", so hn neither starts nor takes it down for '"
                      + worktree.name()
                      + "'; give this repository another docker.project_name.");
            });
  }

  ComposeProject requireFile(Worktree worktree) {
    docker.requireDaemon();
    ComposeProject project = project(worktree);
    if (!Files.exists(project.file())) {
      throw new HnException(
          "Worktree '"
              + worktree.name()
              + "' has no Docker environment yet; run 'hn docker start "
              + worktree.name()
              + "'.");
    }
    return project;
  }

  /**
   * What the repository's shared volumes are named after (`<repo>-<hash>`), the same for every
   * worktree, so that they really are shared.
   */
  static String sharedPrefix(Repo repo) {
    return ComposeProject.sanitize(repo.name() + "-" + repoHash(repo));
  }

  /** Six hex digits of the main checkout's path: two clones with the same folder name differ. */
  static String repoHash(Repo repo) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(repo.root().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
