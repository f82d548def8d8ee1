package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.BranchMerges;
import io.hannahanna.hn.worktree.Worktree;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "integrate",
    mixinStandardHelpOptions = true,
    description = {
      "Merge a worktree's branch into its parent worktree (or --into another).",
      "The merge happens in the target's folder. Refused when either has uncommitted changes;",
      "a conflict is taken back, so the target stays as it was."
    },
    footer = {
      "",
      "Examples:",
      "  hn integrate feat               # into the worktree feat was created from",
      "  hn integrate feat --into release --no-ff",
      "  hn integrate fix --squash"
    })
public class IntegrateCommand implements Callable<Integer> {
  private final BranchMerges merges;

  @Mixin Output output;

  @Parameters(paramLabel = "<source>", description = "Worktree whose branch is merged.")
  String source;

  @Option(
      names = "--into",
      paramLabel = "<target>",
      description = "Worktree to merge into (default: the source's parent).")
  String into;

  @ArgGroup(exclusive = true)
  MergeStyleOptions style;

  public IntegrateCommand(BranchMerges merges) {
    this.merges = merges;
  }

  @Override
  public Integer call() {
    Worktree target = merges.integrate(source, into, MergeStyleOptions.of(style));
    output.info("Merged into '" + target.name() + "' (" + target.path() + ").");
    return ExitCode.OK;
  }
}
