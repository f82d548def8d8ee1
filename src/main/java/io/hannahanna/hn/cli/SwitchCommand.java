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
      "  hn switch feat -x make -- test   # runs there; the shell function stays there",
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

  @Option(
      names = {"-x", "--exec"},
      paramLabel = "<program>",
      description =
          "Run <program> [args…] in the worktree with its WT_* variables on this terminal;"
              + " hn's exit code is the program's.")
  String program;

  @Parameters(
      index = "1..*",
      paramLabel = "<args>",
      description = "Arguments of the -x program (after --).")
  java.util.List<String> programArgs = new java.util.ArrayList<>();

  private final WorktreeProgram worktreeProgram;

  public SwitchCommand(Worktrees worktrees, Workspace workspace, WorktreeProgram worktreeProgram) {
    this.worktrees = worktrees;
    this.workspace = workspace;
    this.worktreeProgram = worktreeProgram;
  }

  @Override
  public Integer call() {
    if (program != null) {
      return worktreeProgram.run(worktrees.find(name), program, programArgs);
    }
    if (!programArgs.isEmpty()) {
      throw new io.hannahanna.hn.InvalidInput(
          "'"
              + programArgs.get(0)
              + "' is not an option of hn switch; to run a program in the worktree, give it with"
              + " -x <program> -- <args>.");
    }
    output.out().println(worktrees.find(name).path());
    if (forShell && !workspace.repo().config().hooks().at("post_switch").isEmpty()) {
      output.out().println("post_switch");
    }
    output.out().flush();
    return ExitCode.OK;
  }
}
