package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.DockerWorktreeEnvironment;
import io.hannahanna.hn.worktree.BranchMerges;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.WorktreeRemoval;
import io.hannahanna.hn.worktree.WorktreeRemoval.RemoveRequest;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "return",
    mixinStandardHelpOptions = true,
    description = {
      "Merge the worktree you are in into its parent and print the parent's path.",
      "The shell function of 'hn init-shell' changes into it. With --delete the worktree",
      "is removed afterwards (its branch is kept); its children then belong to the parent."
    },
    footer = {"", "Examples:", "  hn return", "  hn return --delete --no-ff"})
public class ReturnCommand implements Callable<Integer> {
  private final BranchMerges merges;
  private final Worktrees worktrees;
  private final WorktreeRemoval removal;
  private final DockerWorktreeEnvironment dockerEnvironment;

  @Mixin Output output;

  @Option(names = "--delete", description = "Remove this worktree after the merge.")
  boolean delete;

  @Option(
      names = "--merge",
      description = "hannahanna's spelling: hn return always merges, so this changes nothing.")
  boolean merge;

  @ArgGroup(exclusive = true)
  MergeStyleOptions style;

  public ReturnCommand(
      BranchMerges merges,
      Worktrees worktrees,
      WorktreeRemoval removal,
      DockerWorktreeEnvironment dockerEnvironment) {
    this.merges = merges;
    this.worktrees = worktrees;
    this.removal = removal;
    this.dockerEnvironment = dockerEnvironment;
  }

  @Override
  public Integer call() {
    Worktree here = worktrees.current();
    if (!here.main() && here.parent() == null) {
      throw new io.hannahanna.hn.HnException(
          "'"
              + here.name()
              + "' was not made by hn, so hn does not know which worktree it came from; merge it"
              + " where it belongs with 'hn integrate "
              + here.name()
              + " --into <worktree>'.");
    }
    Worktree parent = merges.integrate(here, merges.parentOf(here), MergeStyleOptions.of(style));
    output.info("Merged '" + here.name() + "' into '" + parent.name() + "'.");
    if (delete) {
      removal.remove(
          new RemoveRequest(here.name(), false, false, true, true, null), dockerEnvironment);
      output.err().println("Removed worktree '" + here.name() + "'.");
    }
    output.result(parent.path());
    output.err().flush();
    return ExitCode.OK;
  }
}
