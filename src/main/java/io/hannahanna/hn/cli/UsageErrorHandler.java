package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error (exit 2): what was wrong and picocli's suggestions; then a subcommand's usage, as
 * picocli would print it. For hn itself only a pointer to --help: a run builds just the command it
 * names (see Subcommands), so the root's usage printed now could list too few commands.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  private final Workspace workspace;
  private final RepositoryTrust trust;

  UsageErrorHandler(Workspace workspace, RepositoryTrust trust) {
    this.workspace = workspace;
    this.trust = trust;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    if (e instanceof UnmatchedArgumentException && command.getCommandSpec().parent() == null) {
      // an unknown command word may be one of the config's aliases
      Optional<String[]> expanded;
      try {
        expanded = Aliases.expand(args, aliases(), Subcommands.names());
      } catch (HnException cycle) {
        command.getErr().println("hn: " + cycle.getMessage());
        command.getErr().flush();
        return ExitCode.FAILURE;
      }
      if (expanded.isPresent()) {
        return command.execute(expanded.get());
      }
    }
    PrintWriter err = command.getErr();
    err.println(e.getMessage());
    boolean suggested = UnmatchedArgumentException.printSuggestions(e, err);
    if (command.getCommandSpec().parent() == null) {
      err.println("Run 'hn --help' for usage.");
    } else if (!suggested) {
      command.usage(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The config's aliases; none outside a repository or with a config hn cannot read. */
  private Map<String, String> aliases() {
    try {
      return trust.aliases(workspace.repo());
    } catch (HnException notHere) {
      return Map.of();
    }
  }
}
