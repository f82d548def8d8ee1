package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.TagStore;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "untag",
    mixinStandardHelpOptions = true,
    description = "Take tags off a worktree.",
    footer = {"", "Examples:", "  hn untag api team-a"})
public class UntagCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final TagStore tags;
  private final Workspace workspace;

  @Mixin Output output;

  @Parameters(index = "0", paramLabel = "<name>", description = "Worktree name, or part of it.")
  String name;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "<tag>",
      description = "Tags to take off.")
  List<String> removed;

  public UntagCommand(Worktrees worktrees, TagStore tags, Workspace workspace) {
    this.worktrees = worktrees;
    this.tags = tags;
    this.workspace = workspace;
  }

  @Override
  public Integer call() {
    Worktree target = worktrees.find(name);
    int count = tags.untag(workspace.repo(), target.name(), removed);
    output.info("Took " + count + " tag(s) off '" + target.name() + "'.");
    return ExitCode.OK;
  }
}
