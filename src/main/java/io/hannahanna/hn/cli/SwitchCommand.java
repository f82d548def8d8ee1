package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.Worktrees;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "switch",
    mixinStandardHelpOptions = true,
    description = {
      "Print the path of a worktree (the shell function changes into it).",
      "Print the path of a worktree. With the shell function of 'hn init-shell',",
      "'hn switch <name>' changes into it. Names match fuzzily."
    },
    footer = {
      "",
      "Examples:",
      "  cd \"$(hn switch feat)\"",
      "  eval \"$(hn init-shell bash)\"; hn switch feat"
    })
public class SwitchCommand implements Callable<Integer> {
  private final Worktrees worktrees;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<name>", description = "Worktree name, or part of it.")
  String name;

  public SwitchCommand(Worktrees worktrees) {
    this.worktrees = worktrees;
  }

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(worktrees.find(name).path());
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
