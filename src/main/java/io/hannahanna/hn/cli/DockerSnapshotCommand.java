package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.VolumeSnapshots;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Save a worktree's volume data, and put it back later.",
      "Snapshots are engine volumes labelled as the worktree's: 'hn docker volume prune' removes",
      "them once the worktree is gone, and 'hn remove' asks whether to drop them."
    },
    footer = {
      "",
      "Examples:",
      "  hn docker volumes snapshot save feat-x before-migration",
      "  hn docker volumes snapshot restore feat-x before-migration",
      "  hn docker volumes snapshot list feat-x --json"
    })
public class DockerSnapshotCommand {
  private final Worktrees worktrees;
  private final VolumeSnapshots snapshots;

  @Mixin Output output;

  public DockerSnapshotCommand(Worktrees worktrees, VolumeSnapshots snapshots) {
    this.worktrees = worktrees;
    this.snapshots = snapshots;
  }

  @Command(
      name = "save",
      mixinStandardHelpOptions = true,
      description = {
        "Copy the worktree's named volumes into a snapshot; prints its name.",
        "Running containers that write to a volume are paused while it is copied."
      },
      footer = {"", "Example:", "  hn docker volumes snapshot save feat-x before-migration"})
  int save(
      @Parameters(paramLabel = "<worktree>") String worktree,
      @Parameters(paramLabel = "<name>", arity = "0..1", description = "Default: the time, UTC.")
          String name) {
    output.result(snapshots.save(worktrees.find(worktree), name));
    return ExitCode.OK;
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Put a snapshot's data back into the worktree's volumes.",
        "The containers that mount a volume are stopped for the copy and started again."
      },
      footer = {"", "Example:", "  hn docker volumes snapshot restore feat-x before-migration"})
  int restore(
      @Parameters(paramLabel = "<worktree>") String worktree,
      @Parameters(paramLabel = "<name>") String name) {
    snapshots.restore(worktrees.findExact(worktree), name);
    output.info("restored " + name + " into " + worktree);
    return ExitCode.OK;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "The worktree's snapshots: name, volumes, when saved.",
        "JSON: {\"snapshots\": [{name, volumes, created}]}"
      },
      footer = {"", "Example:", "  hn docker volumes snapshot list feat-x"})
  int list(@Parameters(paramLabel = "<worktree>") String worktree, @Mixin JsonOutput json) {
    List<VolumeSnapshots.Snapshot> all = snapshots.list(worktrees.find(worktree));
    if (json.json()) {
      json.printJson(Map.of("snapshots", all));
      return ExitCode.OK;
    }
    if (!all.isEmpty()) {
      Table table = new Table().row("SNAPSHOT", "VOLUMES", "SAVED");
      all.forEach(s -> table.row(s.name(), String.join(",", s.volumes()), s.created()));
      table.print(output.out());
    }
    return ExitCode.OK;
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Remove a snapshot.",
      footer = {"", "Example:", "  hn docker volumes snapshot rm feat-x before-migration"})
  int rm(
      @Parameters(paramLabel = "<worktree>") String worktree,
      @Parameters(paramLabel = "<name>") String name) {
    snapshots.remove(worktrees.findExact(worktree), name);
    return ExitCode.OK;
  }
}
