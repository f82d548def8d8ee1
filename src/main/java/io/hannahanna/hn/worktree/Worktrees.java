package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.GitWorktree;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The worktrees of the repository hn runs in, as git and hn's registry know them: listed, found by
 * fuzzy name, and made whole first if a killed hn left one half-created or half-removed.
 */
@RequestScoped
public class Worktrees {
  private final Workspace workspace;
  private final Git git;
  private final WorktreeStore store;
  private final RepositoryTrust trust;
  private final Instance<WorktreeEnvironment> recoveryEnvironment;
  private final WorktreeCleanup cleanup;
  private final Diagnostics diagnostics;
  private boolean recovered;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  Worktrees() {
    this(null, null, null, null, null, null, null);
  }

  @Inject
  public Worktrees(
      Workspace workspace,
      Git git,
      WorktreeStore store,
      RepositoryTrust trust,
      Instance<WorktreeEnvironment> recoveryEnvironment,
      WorktreeCleanup cleanup,
      Diagnostics diagnostics) {
    this.recoveryEnvironment = recoveryEnvironment;
    this.workspace = workspace;
    this.git = git;
    this.store = store;
    this.trust = trust;
    this.cleanup = cleanup;
    this.diagnostics = diagnostics;
  }

  public List<Worktree> list() {
    Repo repo = workspace.repo();
    recoverOnce();
    Map<Path, WorktreeRecord> records = new LinkedHashMap<>();
    for (WorktreeRecord r : store.all(repo)) {
      records.put(r.path(), r);
    }
    List<Worktree> result = new ArrayList<>();
    for (GitWorktree g : git.worktrees(repo.root())) {
      Path path = real(g.path());
      WorktreeRecord record = records.get(path);
      String name =
          record != null
              ? record.name()
              : g.main()
                  ? Optional.ofNullable(g.branch()).orElse("main")
                  : path.getFileName().toString();
      result.add(
          new Worktree(
              name,
              g.branch(),
              g.shortHead(),
              path,
              record == null ? null : record.parent(),
              g.main(),
              path.equals(repo.current()),
              g.prunable() || !Files.isDirectory(path),
              record == null ? null : record.createdAt()));
    }
    return result;
  }

  /** Names of the worktrees whose folder still exists. */
  public java.util.Set<String> liveNames() {
    return list().stream()
        .filter(w -> !w.missing())
        .map(Worktree::name)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Finds a worktree by a name given by the user (fuzzy, see {@link NameMatcher}). */
  public Worktree find(String query) {
    List<Worktree> all = list();
    String name = NameMatcher.match(query, all.stream().map(Worktree::name).toList());
    return all.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Finds a worktree by its exact name, for what deletes or overwrites (see {@link
   * NameMatcher#exact}).
   */
  public Worktree findExact(String name) {
    List<Worktree> all = list();
    String exact = NameMatcher.exact(name, all.stream().map(Worktree::name).toList());
    return all.stream().filter(w -> w.name().equals(exact)).findFirst().orElseThrow();
  }

  public Worktree current() {
    return list().stream().filter(Worktree::current).findFirst().orElseThrow();
  }

  public List<Worktree> children(Worktree parent) {
    return list().stream().filter(w -> parent.name().equals(w.parent())).toList();
  }

  public Git.StatusSummary status(Worktree worktree) {
    return worktree.missing() ? new Git.StatusSummary(0, 0) : git.status(worktree.path());
  }

  /** The repository's `.hn-state` folder. */
  public Path stateRoot() {
    return workspace.repo().stateDir();
  }

  public Path stateDir(Worktree worktree) {
    return workspace.repo().stateDir(worktree.name());
  }

  /** The environment hooks see. */
  public static Map<String, String> hookEnv(Repo repo, Worktree w) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WT_NAME", w.name());
    env.put("WT_PATH", w.path().toString());
    env.put("WT_BRANCH", w.branch() == null ? "" : w.branch());
    env.put("WT_PARENT", w.parent() == null ? "" : w.parent());
    env.put("WT_STATE_DIR", repo.stateDir(w.name()).toString());
    env.put("WT_COMMIT", w.commit() == null ? "" : w.commit());
    env.put("WT_REPO_ROOT", repo.root().toString());
    return env;
  }

  /** Where worktrees are created: `worktree_dir` resolved against the main checkout. */
  public Path worktreeBase(Repo repo) {
    String configured = trust.worktreeDir(repo).replace("{repo}", repo.name());
    Path base = repo.root().resolve(configured).normalize();
    if (base.startsWith(repo.root())) {
      throw new HnException(
          "worktree_dir '"
              + configured
              + "' lies inside the main checkout; choose a folder beside it, such as ../"
              + repo.name()
              + "-worktrees.");
    }
    return base;
  }

  /** The main checkout's name in hn: its branch, or "main". */
  public String mainName() {
    return list().stream().filter(Worktree::main).map(Worktree::name).findFirst().orElse("main");
  }

  /** Looks once per process; the environment (Docker's beans) is built only when there is work. */
  void recoverOnce() {
    if (!recovered) {
      recovered = true;
      InterruptedOperations.report(workspace.repo().stateDir(), diagnostics);
      PausedContainers.Left paused = PausedContainers.leftByKilled(workspace.repo().stateDir());
      if (!paused.isEmpty()) {
        recoveryEnvironment.get().resume(paused);
      }
      List<UnfinishedWork> unfinished = store.unfinished(workspace.repo());
      if (!unfinished.isEmpty()) {
        recover(unfinished, recoveryEnvironment.get());
      }
    }
  }

  /**
   * Finishes what killed hn processes left half-done in this repository: an interrupted `hn add` is
   * rolled back, an interrupted `hn remove` is completed. Says so in one line each.
   */
  private void recover(List<UnfinishedWork> unfinished, WorktreeEnvironment environment) {
    Repo repo = workspace.repo();
    for (UnfinishedWork work : unfinished) {
      if (work.owner().alive() || !store.claim(repo, work)) {
        continue;
      }
      if (work.removing()) {
        Worktree target =
            new Worktree(
                work.name(),
                null,
                "",
                work.path(),
                work.parent(),
                false,
                false,
                !Files.isDirectory(work.path()),
                null);
        environment.tearDown(target);
        cleanup.finishRemoval(repo, target, work.parent(), environment, work.deletion());
        diagnostics.info(
            "hn: finished removing '" + work.name() + "', whose 'hn remove' was interrupted.");
      } else {
        cleanup.rollBack(
            repo,
            work.name(),
            work.path(),
            work.createdBranch(),
            work.branchCreatedAt(),
            environment,
            mainName());
        diagnostics.info("hn: rolled back '" + work.name() + "', whose 'hn add' was interrupted.");
      }
    }
  }

  static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  public static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
