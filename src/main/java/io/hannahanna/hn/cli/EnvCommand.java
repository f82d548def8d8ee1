package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EnvFormat;
import io.hannahanna.hn.compose.WorktreeVariables;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = {
      "Print a worktree's variables for shells, scripts and apps.",
      "Print a worktree's variables: WT_* as hooks get them, WT_PORTS_<SERVICE> and",
      "WT_PORTS_<SERVICE>_<CONTAINER PORT>, COMPOSE_PROJECT_NAME and COMPOSE_FILE (plain compose",
      "then talks to the worktree's project) and the rendered docker.env."
    },
    footer = {
      "",
      "Examples:",
      "  eval \"$(hn env feat-x --format shell)\"; docker compose ps",
      "  hn env feat-x > .env.local",
      "  hn env --format json | jq .WT_PORTS_WEB"
    })
public class EnvCommand implements Callable<Integer> {
  /** How the variables are printed. */
  enum Format {
    dotenv,
    shell,
    json
  }

  private final Worktrees worktrees;
  private final WorktreeVariables variables;

  @Mixin Output output;

  @Parameters(
      arity = "0..1",
      paramLabel = "<worktree>",
      description = "Worktree name, or part of it (default: the one you are in).")
  String name;

  @Option(
      names = "--format",
      paramLabel = "<format>",
      defaultValue = "dotenv",
      description = "dotenv, shell (export lines for eval) or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  public EnvCommand(Worktrees worktrees, WorktreeVariables variables) {
    this.worktrees = worktrees;
    this.variables = variables;
  }

  @Override
  public Integer call() {
    Worktree worktree = name == null ? worktrees.current() : worktrees.find(name);
    Map<String, String> variables = this.variables.variables(worktree);
    PrintWriter out = output.out();
    switch (format) {
      case json -> Output.write(out, variables);
      case shell -> out.print(EnvFormat.SHELL.render(variables));
      case dotenv -> out.print(EnvFormat.DOTENV.render(variables));
    }
    out.flush();
    return ExitCode.OK;
  }
}
