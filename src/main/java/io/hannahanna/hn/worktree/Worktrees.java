package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.GitWorktree;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.repo.WorktreeName;
import io.hannahanna.hn.state.StateDirectory;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Creates, lists, finds and removes the worktrees of the repository hn runs in. */
@Singleton
public class Worktrees {
  private final Workspace workspace;
  private final Git git;
  private final WorktreeStore store;
  private final Hooks hooks;
  private final SharedResources shared;
  private final RepositoryTrust trust;
  private final Instance<WorktreeEnvironment> recoveryEnvironment;
  private final Diagnostics diagnostics;
  private boolean recovered;

  public Worktrees(
      Workspace workspace,
      Git git,
      WorktreeStore store,
      Hooks hooks,
      SharedResources shared,
      RepositoryTrust trust,
      Instance<WorktreeEnvironment> recoveryEnvironment,
      Diagnostics diagnostics) {
    this.recoveryEnvironment = recoveryEnvironment;
    this.workspace = workspace;
    this.git = git;
    this.store = store;
    this.hooks = hooks;
    this.shared = shared;
    this.trust = trust;
    this.diagnostics = diagnostics;
  }

  /** What `hn add` was asked for. */
  public record AddRequest(String name, String from, boolean existingBranch, boolean runHooks) {}

  public Worktree add(AddRequest request) {
    return add(request, WorktreeEnvironment.NONE);
  }

  /** Creates the worktree and sets up its environment; any failure rolls all of it back. */
  public Worktree add(AddRequest request, WorktreeEnvironment environment) {
    String name = WorktreeName.validate(request.name());
    Repo repo = workspace.repo();
    shared.validate(repo.config());
    List<Worktree> existing = list();
    if (existing.stream().anyMatch(w -> w.name().equals(name))) {
      throw new HnException("A worktree named '" + name + "' already exists; pick another name.");
    }
    Optional<String> sameButCase =
        existing.stream().map(Worktree::name).filter(name::equalsIgnoreCase).findFirst();
    if (sameButCase.isPresent()) {
      throw new HnException(
          "A worktree named '"
              + sameButCase.get()
              + "' exists; names that differ only in case would share a compose project (and a"
              + " folder on case-insensitive disks), so pick another name.");
    }
    Path path = worktreeBase(repo).resolve(name);
    if (Files.exists(path)) {
      throw new HnException(path + " already exists; remove it or pick another name.");
    }
    String parent = currentName(repo, existing);
    List<String> argv = new ArrayList<>(List.of("worktree", "add"));
    String branchCreatedAt = null;
    if (request.existingBranch()) {
      if (!git.branchExists(repo.current(), name)) {
        throw new HnException(
            "There is no branch '" + name + "' to check out; drop --no-branch to create it.");
      }
      argv.addAll(List.of(path.toString(), name));
    } else {
      if (git.branchExists(repo.current(), name)) {
        throw new HnException(
            "Branch '" + name + "' already exists; use --no-branch to check it out.");
      }
      branchCreatedAt = commitOf(repo, request.from());
      argv.addAll(List.of("-b", name, path.toString(), branchCreatedAt));
    }
    createParents(path);
    Path real = real(path.getParent()).resolve(name);
    // The intent comes first: if hn is killed from here on, the next hn rolls it back.
    if (!store.insertCreating(
        repo,
        new WorktreeRecord(name, real, parent, Instant.now().truncatedTo(ChronoUnit.SECONDS)),
        branchCreatedAt)) {
      throw new HnException(
          "A worktree named '" + name + "' is being created or removed; pick another name.");
    }
    try {
      ProcessResult added = git.run(repo.current(), argv.toArray(String[]::new));
      if (!added.ok()) {
        throw new HnException("git could not create the worktree: " + added.errorLine());
      }
      Files.createDirectories(
          StateDirectory.ensure(repo.stateDir()).resolve("worktrees").resolve(name));
      shared.apply(repo.config(), repo.root(), real);
      Worktree created = find(name);
      Map<String, String> env = hookEnv(repo, created);
      env.putAll(environment.setUp(created));
      if (request.runHooks()) {
        hooks.run(
            "post_create",
            trust.hook(repo, "post_create", repo.config().hooks().postCreate()),
            real,
            env);
      }
      store.markReady(repo, name);
      return created;
    } catch (RuntimeException | IOException e) {
      rollBack(repo, name, real, branchCreatedAt, environment);
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new HnException(
          reason.replaceFirst("\\.$", "") + "; the new worktree '" + name + "' was rolled back.",
          e);
    }
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

  /** Finds a worktree by a name given by the user (fuzzy, see {@link NameMatcher}). */
  public Worktree find(String query) {
    List<Worktree> all = list();
    String name = NameMatcher.match(query, all.stream().map(Worktree::name).toList());
    return all.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
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

  public Path stateDir(Worktree worktree) {
    return workspace.repo().stateDir(worktree.name());
  }

  /** What `hn remove` was asked for. */
  public record RemoveRequest(String name, boolean force, boolean deleteBranch, boolean runHooks) {}

  public Worktree remove(RemoveRequest request) {
    return remove(request, WorktreeEnvironment.NONE);
  }

  /** Removes a worktree after tearing down its environment. */
  public Worktree remove(RemoveRequest request, WorktreeEnvironment environment) {
    Repo repo = workspace.repo();
    Worktree target = find(request.name());
    if (target.main()) {
      throw new HnException(
          "'" + target.name() + "' is the main checkout; hn removes only worktrees.");
    }
    List<String> children = children(target).stream().map(Worktree::name).toList();
    if (!request.force()) {
      if (!children.isEmpty()) {
        throw new HnException(
            "Worktree '"
                + target.name()
                + "' has child worktrees ("
                + String.join(", ", children)
                + "); remove them first or use --force.");
      }
      Git.StatusSummary status = status(target);
      if (!status.clean()) {
        throw new HnException(
            "Worktree '"
                + target.name()
                + "' has uncommitted changes ("
                + status
                + "); commit or stash them, or use --force to discard them.");
      }
    }
    if (locked(repo, target)) {
      throw new HnException(
          "Worktree '"
              + target.name()
              + "' is locked; unlock it with 'git worktree unlock "
              + target.path()
              + "' to remove it.");
    }
    if (request.runHooks() && !target.missing()) {
      hooks.run(
          "pre_remove",
          trust.hook(repo, "pre_remove", repo.config().hooks().preRemove()),
          target.path(),
          withExtra(hookEnv(repo, target), environment.hookEnv(target)));
    }
    // its children go to its own parent; one hn did not create has the main checkout's
    String parent = target.parent() == null ? mainName() : target.parent();
    store.markRemoving(
        repo,
        new WorktreeRecord(
            target.name(), target.path(), parent, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    environment.tearDown(target);
    ProcessResult removed =
        target.missing()
            ? git.run(repo.root(), "worktree", "prune")
            : git.run(repo.root(), "worktree", "remove", "--force", target.path().toString());
    if (!removed.ok()) {
      store.markReady(repo, target.name());
      throw new HnException(
          "git could not remove the worktree: "
              + removed.errorLine()
              + "; its ports and state were kept.");
    }
    finishRemoval(repo, target, parent, environment);
    if (request.deleteBranch() && target.branch() != null) {
      ProcessResult deleted =
          git.run(repo.root(), "branch", request.force() ? "-D" : "-d", target.branch());
      if (!deleted.ok()) {
        diagnostics.warn(
            "branch "
                + target.branch()
                + " was kept: "
                + deleted.errorLine()
                + " (use --force to delete it anyway).");
      }
    }
    return target;
  }

  private boolean locked(Repo repo, Worktree target) {
    return git.worktrees(repo.root()).stream()
        .anyMatch(g -> g.locked() && real(g.path()).equals(target.path()));
  }

  /** Once git has removed the worktree (or never had it): its ports, state and row go. */
  private void finishRemoval(
      Repo repo, Worktree target, String parent, WorktreeEnvironment environment) {
    if (Files.isDirectory(target.path())) {
      git.run(repo.root(), "worktree", "remove", "--force", target.path().toString());
    }
    git.run(repo.root(), "worktree", "prune");
    environment.release(target);
    deleteTree(repo.stateDir(target.name()));
    store.delete(repo, target.name(), parent);
  }

  /** Removes the state of worktrees that git no longer knows; returns their names. */
  public List<String> prune(boolean dryRun) {
    Repo repo = workspace.repo();
    recoverOnce();
    List<Path> live =
        git.worktrees(repo.root()).stream()
            .filter(g -> !g.prunable() && Files.isDirectory(g.path()))
            .map(g -> real(g.path()))
            .toList();
    List<WorktreeRecord> records = store.all(repo);
    List<String> gone = new ArrayList<>();
    for (WorktreeRecord r : records) {
      if (!live.contains(r.path())) {
        gone.add(r.name());
      }
    }
    for (String dir : stateDirNames(repo)) {
      if (!gone.contains(dir)
          && live.stream().noneMatch(p -> p.getFileName().toString().equals(dir))
          && records.stream().noneMatch(r -> r.name().equals(dir))) {
        gone.add(dir);
      }
    }
    if (!dryRun) {
      git.run(repo.root(), "worktree", "prune");
      String main = mainName();
      for (String name : gone) {
        store.delete(repo, name, main);
        deleteTree(repo.stateDir(name));
      }
    }
    return gone.stream().sorted().toList();
  }

  private List<String> stateDirNames(Repo repo) {
    Path dir = repo.stateDir().resolve("worktrees");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The environment hooks see. */
  public static Map<String, String> hookEnv(Repo repo, Worktree w) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WT_NAME", w.name());
    env.put("WT_PATH", w.path().toString());
    env.put("WT_BRANCH", w.branch() == null ? "" : w.branch());
    env.put("WT_PARENT", w.parent() == null ? "" : w.parent());
    env.put("WT_STATE_DIR", repo.stateDir(w.name()).toString());
    return env;
  }

  private static Map<String, String> withExtra(Map<String, String> env, Map<String, String> extra) {
    env.putAll(extra);
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

  private String currentName(Repo repo, List<Worktree> existing) {
    return existing.stream()
        .filter(Worktree::current)
        .map(Worktree::name)
        .findFirst()
        .orElse(repo.current().getFileName().toString());
  }

  private String mainName() {
    return list().stream().filter(Worktree::main).map(Worktree::name).findFirst().orElse("main");
  }

  private String commitOf(Repo repo, String from) {
    String ref = from == null ? "HEAD" : from;
    if (ref.startsWith("-")) {
      throw new HnException(
          "'" + ref + "' is not a git ref; --from takes a branch, tag or commit.");
    }
    ProcessResult result =
        git.run(repo.current(), "rev-parse", "--verify", "--quiet", ref + "^{commit}");
    if (!result.ok()) {
      throw new HnException(
          "'" + ref + "' is not a branch, tag or commit of this repository; check --from.");
    }
    return result.stdout().strip();
  }

  /**
   * Undoes whatever of a creation exists (each step also when it never happened): the environment,
   * the worktree, the branch while it still points where hn created it, the state and the row.
   */
  private void rollBack(
      Repo repo, String name, Path path, String branchCreatedAt, WorktreeEnvironment environment) {
    Worktree partial =
        new Worktree(name, name, "", path, null, false, false, !Files.isDirectory(path), null);
    environment.tearDown(partial);
    environment.release(partial);
    ProcessResult removed = git.run(repo.root(), "worktree", "remove", "--force", path.toString());
    if (!removed.ok() && Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(path); // git was killed before it registered the folder
    }
    git.run(repo.root(), "worktree", "prune");
    if (branchCreatedAt != null) {
      ProcessResult head =
          git.run(repo.root(), "rev-parse", "--verify", "--quiet", "refs/heads/" + name);
      if (head.ok() && head.stdout().strip().equals(branchCreatedAt)) {
        git.run(repo.root(), "branch", "-D", name);
      } else if (head.ok()) {
        diagnostics.warn("branch " + name + " has new commits, so hn kept it.");
      }
    }
    deleteTree(repo.stateDir(name));
    try {
      store.delete(repo, name, mainName());
    } catch (RuntimeException e) {
      diagnostics.warn("could not remove the database row of '" + name + "': " + e.getMessage());
    }
  }

  /** Looks once per process; the environment (Docker's beans) is built only when there is work. */
  private void recoverOnce() {
    if (!recovered) {
      recovered = true;
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
        finishRemoval(repo, target, work.parent(), environment);
        diagnostics.info(
            "hn: finished removing '" + work.name() + "', whose 'hn remove' was interrupted.");
      } else {
        rollBack(repo, work.name(), work.path(), work.branchCreatedAt(), environment);
        diagnostics.info("hn: rolled back '" + work.name() + "', whose 'hn add' was interrupted.");
      }
    }
  }

  private static void createParents(Path path) {
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new HnException("Cannot create " + path.getParent() + ": " + e.getMessage() + ".", e);
    }
  }

  private static Path real(Path path) {
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
