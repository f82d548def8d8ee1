package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "volumes",
    mixinStandardHelpOptions = true,
    description = {
      "The volumes of this repository's worktrees: worktree, in use, worktree still exists.",
      "JSON: {\"volumes\": [{name, worktree, inUse, worktreeExists}]}"
    },
    footer = {
      "",
      "Examples:",
      "  hn docker volumes",
      "  hn docker volumes --json",
      "  hn docker volumes snapshot save feat-x"
    },
    subcommands = DockerSnapshotCommand.class)
public class DockerVolumesCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final EngineInventory inventory;

  @Mixin JsonOutput output;

  public DockerVolumesCommand(Worktrees worktrees, EngineInventory inventory) {
    this.worktrees = worktrees;
    this.inventory = inventory;
  }

  @Override
  public Integer call() {
    List<EngineInventory.Volume> volumes = inventory.volumes(worktrees.liveNames());
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(Map.of("volumes", volumes.stream().map(VolumeView::of).toList()));
      return ExitCode.OK;
    }
    Table table = new Table().row("VOLUME", "WORKTREE", "IN USE", "WORKTREE EXISTS");
    volumes.forEach(
        v ->
            table.row(
                v.name(),
                v.worktree(),
                v.inUse() ? "yes" : "no",
                v.worktreeExists() ? "yes" : "no"));
    table.print(out);
    return ExitCode.OK;
  }

  /** The JSON shape of one volume: {name, worktree, inUse, worktreeExists}. */
  public record VolumeView(String name, String worktree, boolean inUse, boolean worktreeExists) {
    static VolumeView of(EngineInventory.Volume v) {
      return new VolumeView(v.name(), v.worktree(), v.inUse(), v.worktreeExists());
    }
  }
}
