package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "volume",
    mixinStandardHelpOptions = true,
    description = "Per-worktree volumes.",
    footer = {"", "Example:", "  hn docker volume prune --dry-run"})
public class DockerVolumeCommand {
  private final Worktrees worktrees;
  private final EngineInventory docker;

  @Mixin Output output;

  public DockerVolumeCommand(Worktrees worktrees, EngineInventory docker) {
    this.worktrees = worktrees;
    this.docker = docker;
  }

  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description = {
        "Remove the volumes of worktrees that no longer exist and that no container uses.",
        "Never shared volumes, never volumes hn did not create. Prints their names."
      },
      footer = {"", "Example:", "  hn docker volume prune --dry-run"})
  int prune(@Mixin DryRun dryRun) {
    List<String> removed = docker.pruneVolumes(worktrees.liveNames(), dryRun.enabled());
    PrintWriter out = output.out();
    removed.forEach(out::println);
    out.flush();
    return ExitCode.OK;
  }
}
