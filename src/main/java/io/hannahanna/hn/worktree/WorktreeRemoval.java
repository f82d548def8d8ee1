package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** `hn remove` and `hn prune`: a worktree taken down with its environment, state and row. */
@Singleton
public class WorktreeRemoval {
  private final Workspace workspace;
  private final Git git;
  private final WorktreeStore store;
  private final Hooks hooks;
  private final Worktrees worktrees;
  private final WorktreeCleanup cleanup;
  private final Diagnostics diagnostics;

  public WorktreeRemoval(
      Workspace workspace,
      Git git,
      WorktreeStore store,
      Hooks hooks,
      Worktrees worktrees,
      WorktreeCleanup cleanup,
      Diagnostics diagnostics) {
    this.workspace = workspace;
    this.git = git;
    this.store = store;
    this.hooks = hooks;
    this.worktrees = worktrees;
    this.cleanup = cleanup;
    this.diagnostics = diagnostics;
  }

  /**
   * What `hn remove` was asked for.
   *
   * @param reap how long programs still running in the worktree get after SIGTERM before SIGKILL;
   *     null: they are not stopped (and refuse the removal, unless force)
   */
  public record RemoveRequest(
      String name,
      boolean force,
      boolean deleteBranch,
      boolean runHooks,
      boolean withChildren,
      java.time.Duration reap) {
    public RemoveRequest(String name, boolean force, boolean deleteBranch, boolean runHooks) {
      this(name, force, deleteBranch, runHooks, force, null);
    }
  }

  public Worktree remove(RemoveRequest request) {
    return remove(request, WorktreeEnvironment.NONE);
  }

  private void requireCleanUnlessForced(RemoveRequest request, Worktree target, String when) {
    if (!request.force()) {
      Git.StatusSummary status = worktrees.status(target);
      if (!status.clean()) {
        throw new HnException(
            "Worktree '"
                + target.name()
                + "' has uncommitted changes"
                + when
                + " ("
                + status
                + "); commit or stash them, or use --force to discard them.");
      }
    }
  }

  /** Removes a worktree after tearing down its environment. */
  public Worktree remove(RemoveRequest request, WorktreeEnvironment environment) {
    Repo repo = workspace.repo();
    Worktree target = worktrees.findExact(request.name());
    if (target.main()) {
      throw new HnException(
          "'" + target.name() + "' is the main checkout; hn removes only worktrees.");
    }
    List<String> children = worktrees.children(target).stream().map(Worktree::name).toList();
    if (!request.withChildren() && !children.isEmpty()) {
      throw new HnException(
          "Worktree '"
              + target.name()
              + "' has child worktrees ("
              + String.join(", ", children)
              + "); remove them first or use --force.");
    }
    requireCleanUnlessForced(request, target, "");
    if (locked(repo, target)) {
      throw new HnException(
          "Worktree '"
              + target.name()
              + "' is locked; unlock it with 'git worktree unlock "
              + target.path()
              + "' to remove it.");
    }
    stopProgramsInside(request, target);
    Map<String, String> hookEnv =
        withExtra(Worktrees.hookEnv(repo, target), environment.hookEnv(target));
    if (request.runHooks() && !target.missing()) {
      hooks.run(repo, "pre_remove", target.name(), target.branch(), target.path(), hookEnv);
      // the hook may have written into the worktree: what it left is not lost silently either
      requireCleanUnlessForced(request, target, " since pre_remove ran");
    }
    // its children go to its own parent; one hn did not create has the main checkout's
    String parent = target.parent() == null ? worktrees.mainName() : target.parent();
    WorktreeCleanup.BranchDeletion deletion =
        request.deleteBranch() && target.branch() != null
            ? new WorktreeCleanup.BranchDeletion(target.branch(), request.force())
            : null;
    store.markRemoving(
        repo,
        new WorktreeRecord(
            target.name(), target.path(), parent, Instant.now().truncatedTo(ChronoUnit.SECONDS)),
        deletion);
    environment.tearDown(target);
    ProcessResult removed =
        target.missing()
            ? GitWorktreeList.change(git, repo, "worktree", "prune")
            : GitWorktreeList.change(
                git, repo, "worktree", "remove", "--force", target.path().toString());
    if (!removed.ok()) {
      store.markReady(repo, target.name());
      throw new HnException(
          "git could not remove the worktree: "
              + removed.errorLine()
              + "; its ports and state were kept.");
    }
    cleanup.finishRemoval(repo, target, parent, environment, deletion);
    for (String child : children) {
      diagnostics.info("hn: '" + child + "' now has parent '" + parent + "'.");
    }
    if (request.runHooks()) {
      try {
        hooks.run(repo, "post_remove", target.name(), target.branch(), repo.root(), hookEnv);
      } catch (HnException e) {
        throw new HnException(
            e.getMessage() + "; the worktree '" + target.name() + "' was removed before it ran.",
            e);
      }
    }
    return target;
  }

  /**
   * Programs still running in the worktree (dev servers, watchers, agents) would go on in a folder
   * that no longer exists: stopped with --reap, else the removal is refused unless forced.
   */
  private void stopProgramsInside(RemoveRequest request, Worktree target) {
    if (target.missing()) {
      return;
    }
    List<WorktreeProcesses.Running> running = WorktreeProcesses.inside(target.path());
    if (running.isEmpty()) {
      return;
    }
    String named =
        String.join(", ", running.stream().map(WorktreeProcesses.Running::toString).toList());
    if (request.reap() == null) {
      if (!request.force()) {
        throw new HnException(
            "Programs are running in worktree '"
                + target.name()
                + "': "
                + named
                + "; stop them, or use --reap to stop them (SIGTERM, then SIGKILL after --grace),"
                + " or --force to leave them running.");
      }
      return;
    }
    List<WorktreeProcesses.Running> killed = WorktreeProcesses.stop(running, request.reap());
    diagnostics.info(
        "hn: stopped "
            + running.size()
            + " program(s) running in '"
            + target.name()
            + "': "
            + named
            + (killed.isEmpty() ? "." : "; killed after the grace period: " + killed + "."));
  }

  private boolean locked(Repo repo, Worktree target) {
    return git.worktrees(repo.root()).stream()
        .anyMatch(g -> g.locked() && Worktrees.real(g.path()).equals(target.path()));
  }

  /** Removes the state of worktrees that git no longer knows; returns their names. */
  public List<String> prune(boolean dryRun) {
    Repo repo = workspace.repo();
    worktrees.recoverOnce();
    List<Path> live =
        git.worktrees(repo.root()).stream()
            .filter(g -> !g.prunable() && Files.isDirectory(g.path()))
            .map(g -> Worktrees.real(g.path()))
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
      GitWorktreeList.change(git, repo, "worktree", "prune");
      String main = worktrees.mainName();
      for (String name : gone) {
        store.delete(repo, name, main);
        Worktrees.deleteTree(repo.stateDir(name));
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

  private static Map<String, String> withExtra(Map<String, String> env, Map<String, String> extra) {
    env.putAll(extra);
    return env;
  }
}
