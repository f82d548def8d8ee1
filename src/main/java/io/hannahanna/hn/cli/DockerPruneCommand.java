package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the Docker resources of worktrees that no longer exist.",
      "Remove the containers and networks (with --volumes: volumes too) of this repository's",
      "hn projects whose worktree no longer exists. Never touches projects that are not hn's,",
      "another repository's, or shared volumes and networks. Prints the projects it cleaned.",
      "JSON: {\"pruned\": [{project, worktree, containers, networks, volumes}], \"dryRun\": bool}"
    },
    footer = {"", "Example:", "  hn docker prune --dry-run"})
public class DockerPruneCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final EngineInventory inventory;

  @Mixin DryRun dryRun;

  @Option(names = "--volumes", description = "Remove the orphans' per-worktree volumes too.")
  boolean volumes;

  @Mixin JsonOutput output;

  public DockerPruneCommand(Worktrees worktrees, EngineInventory inventory) {
    this.worktrees = worktrees;
    this.inventory = inventory;
  }

  @Override
  public Integer call() {
    List<EngineInventory.Pruned> pruned =
        inventory.prune(worktrees.liveNames(), dryRun.enabled(), volumes);
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(
          Map.of(
              "pruned", pruned.stream().map(PrunedView::of).toList(), "dryRun", dryRun.enabled()));
      return ExitCode.OK;
    }
    pruned.forEach(p -> out.println(p.project().isEmpty() ? p.worktree() : p.project()));
    out.flush();
    output.info(
        pruned.isEmpty()
            ? "No orphaned Docker resources."
            : dryRun.enabled()
                ? "Dry run: nothing was removed."
                : "Removed " + pruned.size() + " orphaned project(s).");
    return ExitCode.OK;
  }

  /** The JSON shape of one pruned project: {project, worktree, containers, networks, volumes}. */
  public record PrunedView(
      String project,
      String worktree,
      List<String> containers,
      List<String> networks,
      List<String> volumes) {
    static PrunedView of(EngineInventory.Pruned p) {
      return new PrunedView(p.project(), p.worktree(), p.containers(), p.networks(), p.volumes());
    }
  }
}
