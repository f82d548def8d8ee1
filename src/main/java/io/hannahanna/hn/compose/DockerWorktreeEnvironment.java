package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.worktree.PausedContainers;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.WorktreeEnvironment;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The Docker part of `hn add`, `hn remove` and crash recovery: ports and compose file prepared on
 * add; containers taken down before git removes the worktree, ports released after.
 */
@RequestScoped
public class DockerWorktreeEnvironment implements WorktreeEnvironment {
  private final ProjectPreparation preparation;
  private final ProjectLifecycle lifecycle;
  private final PortRegistry registry;
  private final Diagnostics diagnostics;
  private final WorktreeVariables variables;
  private final VolumeCopy copy;
  private final EngineTarget engine;
  private String skipped;
  private String context;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  DockerWorktreeEnvironment() {
    this(null, null, null, null, null, null, null);
  }

  @Inject
  public DockerWorktreeEnvironment(
      ProjectPreparation preparation,
      ProjectLifecycle lifecycle,
      PortRegistry registry,
      Diagnostics diagnostics,
      WorktreeVariables variables,
      VolumeCopy copy,
      EngineTarget engine) {
    this.engine = engine;
    this.copy = copy;
    this.preparation = preparation;
    this.lifecycle = lifecycle;
    this.registry = registry;
    this.diagnostics = diagnostics;
    this.variables = variables;
  }

  /** The new worktree's stack runs on this docker context (hn add --context); checked now. */
  public void pinTo(String dockerContext) {
    engine.requireContext(dockerContext);
    this.context = dockerContext;
  }

  @Override
  public Map<String, String> setUp(Worktree worktree) {
    if (context != null) {
      engine.pin(worktree.name(), context); // before its ports are probed there
    }
    try {
      return variables.forHooks(worktree, preparation.prepare(worktree));
    } catch (ComposeUnavailable e) {
      skipped = e.getMessage();
      diagnostics.warn(
          "Docker skipped for '"
              + worktree.name()
              + "': "
              + e.getMessage().replaceFirst("\\.$", "")
              + "; once that is fixed, 'hn docker start "
              + worktree.name()
              + "' sets it up.");
      return variables.forHooks(worktree, java.util.List.of());
    }
  }

  /** Why setUp skipped Docker (no compose file, no compose command), or null. */
  public String skipped() {
    return skipped;
  }

  @Override
  public Map<String, String> hookEnv(Worktree worktree) {
    return variables.forHooks(worktree, registry.show(worktree.name()));
  }

  @Override
  public Map<String, String> templateValues(Worktree worktree) {
    return variables.templateValues(worktree);
  }

  @Override
  public void tearDown(Worktree worktree) {
    try {
      lifecycle.down(worktree);
    } catch (HnException e) {
      diagnostics.warn(
          HnException.sentence(e.getMessage())
              + " Its containers may be left in Docker; 'hn docker prune' removes them later.");
    }
  }

  @Override
  public void resume(PausedContainers.Left left) {
    copy.resume(left.paused(), left.helpers());
    if (!left.paused().isEmpty()) {
      diagnostics.info(
          "hn: resumed "
              + left.paused().size()
              + " container(s) that an interrupted hn had paused to copy their volumes.");
    }
  }

  @Override
  public void release(Worktree worktree) {
    registry.releaseAll(worktree.name());
  }
}
