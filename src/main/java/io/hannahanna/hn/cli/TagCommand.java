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
    name = "tag",
    mixinStandardHelpOptions = true,
    description = {
      "Tag a worktree (tags live in hn's registry).",
      "Tags pick worktrees for 'hn list --tag' and 'hn each --tag'; 'hn untag' takes them off."
    },
    footer = {
      "",
      "Examples:",
      "  hn tag api backend team-a",
      "  hn each --tag backend -- make test"
    })
public class TagCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final TagStore tags;
  private final Workspace workspace;

  @Mixin Output output;

  @Parameters(index = "0", paramLabel = "<name>", description = "Worktree name, or part of it.")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "<tag>", description = "Tags to add.")
  List<String> added;

  public TagCommand(Worktrees worktrees, TagStore tags, Workspace workspace) {
    this.worktrees = worktrees;
    this.tags = tags;
    this.workspace = workspace;
  }

  @Override
  public Integer call() {
    Worktree target = worktrees.find(name);
    tags.tag(workspace.repo(), target.name(), added);
    output.info("Tagged '" + target.name() + "': " + String.join(", ", added) + ".");
    return ExitCode.OK;
  }
}
