package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "switch",
    mixinStandardHelpOptions = true,
    description = {
      "Print the path of a worktree (the shell function changes into it).",
      "Print the path of a worktree. With the shell function of 'hn init-shell',",
      "'hn switch <name>' changes into it and then runs the post_switch hooks.",
      "Names match fuzzily."
    },
    footer = {
      "",
      "Examples:",
      "  cd \"$(hn switch feat)\"",
      "  eval \"$(hn init-shell bash)\"; hn switch feat"
    })
public class SwitchCommand implements Callable<Integer> {
  private final Worktrees worktrees;

  @Mixin Output output;

  private final Workspace workspace;

  @Parameters(paramLabel = "<name>", description = "Worktree name, or part of it.")
  String name;

  /** Used by the shell function: a second line says that post_switch hooks are configured. */
  @Option(names = "--for-shell", hidden = true)
  boolean forShell;

  public SwitchCommand(Worktrees worktrees, Workspace workspace) {
    this.worktrees = worktrees;
    this.workspace = workspace;
  }

  @Override
  public Integer call() {
    output.out().println(worktrees.find(name).path());
    if (forShell && !workspace.repo().config().hooks().at("post_switch").isEmpty()) {
      output.out().println("post_switch");
    }
    output.out().flush();
    return ExitCode.OK;
  }
}
