package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import io.hannahanna.hn.worktree.Worktrees.AddRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Create a worktree on a new branch <name>, in a folder beside the main checkout",
      "(worktree_dir in .hannahanna.yml, default ../<repo>-worktrees/<name>).",
      "Prints the new worktree's path."
    },
    footer = {
      "",
      "Examples:",
      "  hn add feat-login",
      "  hn add hotfix --from v1.2.0",
      "  hn add review-42 --no-branch"
    })
public class AddCommand implements Callable<Integer> {
  private final Worktrees worktrees;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "<name>",
      description = "Worktree and branch name: letters, digits, '-', '_'.")
  String name;

  @Option(
      names = "--from",
      paramLabel = "<ref>",
      description = "Start the branch at <ref> (default: HEAD of where hn runs).")
  String from;

  @Option(
      names = "--no-branch",
      description = "Check out the existing branch <name> instead of creating it.")
  boolean noBranch;

  @Option(names = "--no-hooks", description = "Do not run the post_create hook.")
  boolean noHooks;

  public AddCommand(Worktrees worktrees) {
    this.worktrees = worktrees;
  }

  @Override
  public Integer call() {
    Worktree created = worktrees.add(new AddRequest(name, from, noBranch, !noHooks));
    spec.commandLine()
        .getErr()
        .println(
            "Created worktree '"
                + created.name()
                + "' on branch "
                + created.branch()
                + " (parent: "
                + created.parent()
                + ").");
    spec.commandLine().getErr().flush();
    spec.commandLine().getOut().println(created.path());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
