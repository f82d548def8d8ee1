package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.WorktreeRemoval;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Forget the worktrees that git no longer knows.",
      "Remove the state (state directories, database rows) of worktrees git no longer",
      "knows, for example ones deleted with rm -rf, frees their ports and subnets and (with",
      "docker.enabled)",
      "removes their containers and networks. Prints the names it removed.",
      "JSON shape: {\"pruned\": [name...], \"dryRun\": bool}"
    },
    footer = {"", "Examples:", "  hn prune --dry-run", "  hn prune"})
public class PruneCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final WorktreeRemoval removal;

  @Spec CommandSpec spec;
  @Mixin Output output;

  @Mixin DryRun dryRun;

  private final Workspace workspace;
  private final PortRegistry registry;
  private final EngineInventory docker;

  public PruneCommand(
      Worktrees worktrees,
      WorktreeRemoval removal,
      Workspace workspace,
      PortRegistry registry,
      EngineInventory docker) {
    this.worktrees = worktrees;
    this.removal = removal;
    this.workspace = workspace;
    this.registry = registry;
    this.docker = docker;
  }

  @Override
  public Integer call() {
    List<String> pruned = removal.prune(dryRun.enabled());
    if (!dryRun.enabled()) {
      pruned.forEach(registry::releaseAll);
    }
    if (!pruned.isEmpty() && workspace.repo().config().docker().enabled()) {
      try {
        docker.prune(worktrees.liveNames(), dryRun.enabled(), false);
      } catch (HnException e) {
        spec.commandLine()
            .getErr()
            .println(
                "hn: Docker resources were not cleaned: "
                    + e.getMessage()
                    + " Run 'hn docker prune' later.");
      }
    }
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(Map.of("pruned", pruned, "dryRun", dryRun.enabled()));
      return ExitCode.OK;
    }
    pruned.forEach(out::println);
    out.flush();
    if (pruned.isEmpty()) {
      spec.commandLine().getErr().println("Nothing to prune.");
    } else if (dryRun.enabled()) {
      spec.commandLine().getErr().println("Dry run: nothing was removed.");
    }
    spec.commandLine().getErr().flush();
    return ExitCode.OK;
  }
}
