package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.repo.Workspace;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@TopCommand
@Command(
    name = "hn",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Git worktrees, each with its own isolated Docker Compose environment.",
    description = {
      "hn creates git worktrees beside your repository and keeps their state in",
      "a small SQLite database in .hn-state/ (or the file HN_REGISTRY names).",
      "It works from the main checkout and from inside any of its worktrees."
    },
    footer = {
      "",
      "Examples:",
      "  hn add feat-login            new worktree and branch from where you are",
      "  hn list --tree               worktrees nested under the one they came from",
      "  eval \"$(hn init-shell bash)\" then 'hn switch feat' changes directory",
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage error.  Set HN_DEBUG=1 for stack traces."
    })
// The subcommands are added by CommandLines: only those a run needs (see Subcommands).
public class HnCommand {
  private final Workspace workspace;
  private final ErrorHandler errors;
  private final Terminal terminal;

  @Spec CommandSpec spec;

  public HnCommand(Workspace workspace, ErrorHandler errors, Terminal terminal) {
    this.workspace = workspace;
    this.errors = errors;
    this.terminal = terminal;
  }

  @Option(
      names = "-C",
      paramLabel = "<dir>",
      scope = ScopeType.INHERIT,
      description = "Run as if hn was started in <dir> (like git -C).")
  void startIn(Path directory) {
    try {
      workspace.startIn(directory);
    } catch (HnException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of errors (also HN_DEBUG=1).")
  void verbose(boolean verbose) {
    errors.verbose(verbose);
  }

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "No colours (also NO_COLOR=1; off anyway when output is not a terminal).")
  void noColor(boolean noColor) {
    if (noColor) {
      terminal.disableColours();
    }
  }
}
