package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.compose.DockerWorktreeEnvironment;
import io.hannahanna.hn.compose.VolumeSnapshots;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.WorktreeRemoval;
import io.hannahanna.hn.worktree.WorktreeRemoval.RemoveRequest;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "remove",
    aliases = "rm",
    mixinStandardHelpOptions = true,
    description = {
      "Remove a worktree, its state directory and its database rows.",
      "Refused while it has uncommitted changes or child worktrees, or while programs run in it",
      "(their pid and command are named), unless --force; --reap stops those programs.",
      "Runs the pre_remove hook first, then takes its Docker project down and frees its ports."
    },
    footer = {
      "",
      "Examples:",
      "  hn remove feat-login",
      "  hn remove feat-login --delete-branch",
      "  hn remove agent-3 --reap --grace 10"
    })
public class RemoveCommand implements Callable<Integer> {
  private final WorktreeRemoval removal;

  @Mixin Output output;

  @Parameters(paramLabel = "<name>", description = "Worktree name, or part of it.")
  String name;

  @Option(
      names = {"--force", "-f"},
      description = "Remove even with uncommitted changes or child worktrees.")
  boolean force;

  @Option(names = "--delete-branch", description = "Delete the worktree's branch too.")
  boolean deleteBranch;

  @Option(
      names = "--no-hooks",
      description = "Run nothing from the repository: no hooks, no docker.compose_command.")
  boolean noHooks;

  @Option(
      names = "--reap",
      description =
          "Stop the programs still running in the worktree (dev servers, watchers, agents):"
              + " SIGTERM, then SIGKILL after --grace.")
  boolean reap;

  @Option(
      names = "--grace",
      paramLabel = "<seconds>",
      defaultValue = "5",
      description =
          "How long --reap waits after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
  int grace;

  @Option(
      names = "--keep-snapshots",
      description = "Keep the worktree's volume snapshots without asking.")
  boolean keepSnapshots;

  private final DockerWorktreeEnvironment dockerEnvironment;
  private final RepositoryTrust trust;
  private final Worktrees worktrees;
  private final VolumeSnapshots snapshots;
  private final Workspace workspace;

  public RemoveCommand(
      WorktreeRemoval removal,
      DockerWorktreeEnvironment dockerEnvironment,
      RepositoryTrust trust,
      Worktrees worktrees,
      VolumeSnapshots snapshots,
      Workspace workspace) {
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.snapshots = snapshots;
    this.trust = trust;
    this.removal = removal;
    this.dockerEnvironment = dockerEnvironment;
  }

  @Override
  public Integer call() {
    workspace.defaultsOnConfigError();
    if (noHooks) {
      trust.runNothingFromTheRepository();
    }
    boolean hadStack = snapshots.hasStack(worktrees.find(name));
    Worktree removed =
        removal.remove(
            new RemoveRequest(
                name,
                force,
                deleteBranch,
                !noHooks,
                force,
                reap ? java.time.Duration.ofSeconds(Math.max(0, grace)) : null),
            dockerEnvironment);
    output.info("Removed worktree '" + removed.name() + "' (" + removed.path() + ").");
    if (hadStack && !keepSnapshots) {
      dropSnapshots(removed);
    }
    return ExitCode.OK;
  }

  /**
   * Asks before dropping the removed worktree's volume snapshots; keeps them when nobody can say.
   */
  private void dropSnapshots(Worktree removed) {
    int count;
    try {
      count = snapshots.list(removed).size();
    } catch (HnException e) {
      return; // no engine to ask: taking the stack down has said so already
    }
    if (count == 0) {
      return;
    }
    if (output.confirm("Drop its " + count + " volume snapshot(s) too?")) {
      snapshots.remove(removed, null);
      return;
    }
    output.info(
        "hn: kept "
            + count
            + " volume snapshot(s) of '"
            + removed.name()
            + "'; 'hn docker volume prune' removes them.");
  }
}
