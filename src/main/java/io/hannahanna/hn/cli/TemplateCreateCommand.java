package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.TemplateCreation;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Make a template of what you set up by hand in a worktree.",
      "Its untracked and changed files go to .hn-templates/<name>/files/ (hannahanna's layout),",
      "with a README.md describing it; commit the folder to share it."
    },
    footer = {
      "",
      "Example:",
      "  hn templates create api-setup --from feat --description 'API dev'"
    })
public class TemplateCreateCommand implements Callable<Integer> {
  private final TemplateCreation creation;
  private final Worktrees worktrees;
  private final Workspace workspace;
  @Mixin Output output;

  @Parameters(paramLabel = "<name>", description = "The new template's name.")
  String name;

  @Option(
      names = "--from",
      paramLabel = "<worktree>",
      description = "The worktree to take the files from (default: the one you are in).")
  String from;

  @Option(names = "--description", paramLabel = "<text>", description = "What it is for.")
  String description;

  public TemplateCreateCommand(
      TemplateCreation creation, Worktrees worktrees, Workspace workspace) {
    this.creation = creation;
    this.worktrees = worktrees;
    this.workspace = workspace;
  }

  @Override
  public Integer call() {
    Worktree source =
        from != null
            ? worktrees.find(from)
            : worktrees.list().stream().filter(Worktree::current).findFirst().orElseThrow();
    List<Path> files = creation.create(workspace.repo(), name, source, description);
    output.info(
        "Created template '"
            + name
            + "' with "
            + files.size()
            + " file(s) from '"
            + source.name()
            + "'; 'hn add <name> --template "
            + name
            + "' uses it.");
    return ExitCode.OK;
  }
}
