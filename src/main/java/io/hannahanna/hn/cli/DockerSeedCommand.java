package io.hannahanna.hn.cli;

import io.hannahanna.hn.InvalidInput;
import io.hannahanna.hn.compose.VolumeSeeding;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    description = {
      "Replace a stopped worktree's volume data with a copy of another worktree's.",
      "Copies the project's own named volumes (docker.seed.volumes, else all but external and",
      "shared ones) from the main checkout (docker.seed.from, or --from). The source's containers",
      "that mount a volume are paused while it is copied, and resumed afterwards."
    },
    footer = {
      "",
      "Examples:",
      "  hn docker stop feat-x && hn docker seed feat-x",
      "  hn docker seed feat-x --from staging --yes"
    })
public class DockerSeedCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final VolumeSeeding seeding;

  @Mixin Output output;

  @Parameters(paramLabel = "<worktree>", description = "The worktree whose volumes are replaced.")
  String name;

  @Option(
      names = "--from",
      paramLabel = "<worktree>",
      description = "Copy from this worktree (default: docker.seed.from, else the main checkout).")
  String from;

  @Option(names = "--yes", description = "Replace without asking.")
  boolean yes;

  public DockerSeedCommand(Worktrees worktrees, VolumeSeeding seeding) {
    this.worktrees = worktrees;
    this.seeding = seeding;
  }

  @Override
  public Integer call() {
    Worktree target = worktrees.findExact(name);
    Worktree source = seeding.source(from);
    if (!yes
        && !output.confirm(
            "Replace the data in " + target.name() + "'s volumes with " + source.name() + "'s?")) {
      throw new InvalidInput(
          "Nothing replaced: "
              + target.name()
              + "'s volumes keep their data; add --yes to replace it without asking.");
    }
    seeding.seed(target, source, true);
    return ExitCode.OK;
  }
}
