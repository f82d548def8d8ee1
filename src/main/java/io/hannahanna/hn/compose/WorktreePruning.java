package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.WorktreeRemoval;
import io.hannahanna.hn.worktree.Worktrees;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * `hn prune` and `hn state clean`: forgets the worktrees git no longer knows, frees their ports and
 * subnets, and (with docker.enabled) removes their containers and networks.
 */
@Singleton
public class WorktreePruning {
  private final Worktrees worktrees;
  private final WorktreeRemoval removal;
  private final Workspace workspace;
  private final PortRegistry registry;
  private final EngineInventory docker;
  private final Diagnostics diagnostics;
  private final EngineTarget engine;

  public WorktreePruning(
      Worktrees worktrees,
      WorktreeRemoval removal,
      Workspace workspace,
      PortRegistry registry,
      EngineInventory docker,
      Diagnostics diagnostics,
      EngineTarget engine) {
    this.engine = engine;
    this.worktrees = worktrees;
    this.removal = removal;
    this.workspace = workspace;
    this.registry = registry;
    this.docker = docker;
    this.diagnostics = diagnostics;
  }

  /** The names pruned (or, in a dry run, that would be). */
  public List<String> prune(boolean dryRun) {
    List<String> engines = engine.engines(); // before the rows that name them go
    List<String> pruned = removal.prune(dryRun);
    if (!dryRun) {
      pruned.forEach(registry::releaseAll);
    }
    if (!pruned.isEmpty() && (workspace.repo().config().docker().enabled() || engines.size() > 1)) {
      try {
        docker.prune(worktrees.liveNames(), dryRun, false, engines);
      } catch (HnException e) {
        diagnostics.info(
            "hn: Docker resources were not cleaned: "
                + HnException.sentence(e.getMessage())
                + " Run 'hn docker prune' later.");
      }
    }
    return pruned;
  }
}
