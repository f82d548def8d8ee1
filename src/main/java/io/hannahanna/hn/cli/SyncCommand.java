package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.BranchMerges;
import io.hannahanna.hn.worktree.BranchMerges.Strategy;
import io.hannahanna.hn.worktree.BranchMerges.SyncRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Bring a worktree up to date with its parent's branch (or --from).",
      "Merges (or rebases onto) the branch of the worktree it was created from. Uncommitted",
      "changes refuse unless --autostash; a conflict stops with git's state left for you."
    },
    footer = {
      "",
      "Examples:",
      "  hn sync                     # the worktree you are in, from its parent",
      "  hn sync feat --strategy rebase",
      "  hn sync feat --from origin/main --autostash"
    })
public class SyncCommand implements Callable<Integer> {
  private final BranchMerges merges;

  @Mixin Output output;

  @Parameters(
      paramLabel = "<name>",
      arity = "0..1",
      description = "Worktree name, or part of it (default: the one you are in).")
  String name;

  @Option(names = "--from", paramLabel = "<branch>", description = "Branch, tag or commit to take.")
  String from;

  @Option(
      names = "--strategy",
      paramLabel = "merge|rebase",
      defaultValue = "merge",
      description = "merge (default) or rebase.")
  Strategy strategy;

  @Option(names = "--autostash", description = "Stash uncommitted changes first, apply them after.")
  boolean autostash;

  public SyncCommand(BranchMerges merges) {
    this.merges = merges;
  }

  @Override
  public Integer call() {
    BranchMerges.Synced synced = merges.sync(new SyncRequest(name, from, strategy, autostash));
    output.info(
        "Synced '"
            + synced.worktree().name()
            + "' with "
            + synced.from()
            + " ("
            + (strategy == Strategy.rebase ? "rebased onto it" : "merged")
            + ").");
    return ExitCode.OK;
  }
}
