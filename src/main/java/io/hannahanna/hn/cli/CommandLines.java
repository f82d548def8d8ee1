package io.hannahanna.hn.cli;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.StartupProfile;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Builds hn's command line for one invocation, with only the subcommands its arguments name. */
@Singleton
public class CommandLines {
  private final PicocliCommandLineFactory factory;
  private final ErrorHandler errors;
  private final Diagnostics diagnostics;
  private final Workspace workspace;
  private final RepositoryTrust trust;

  CommandLines(
      PicocliCommandLineFactory factory,
      ErrorHandler errors,
      Diagnostics diagnostics,
      Workspace workspace,
      RepositoryTrust trust) {
    this.factory = factory;
    this.errors = errors;
    this.diagnostics = diagnostics;
    this.workspace = workspace;
    this.trust = trust;
  }

  /** Writing to the process's stdout and stderr. */
  public CommandLine create(String... args) {
    return configured(withSubcommands(args));
  }

  /** Writing to the given writers instead (an invocation inside a test's application). */
  public CommandLine create(String[] args, PrintWriter out, PrintWriter err) {
    return configured(withSubcommands(args).setOut(out).setErr(err));
  }

  private CommandLine withSubcommands(String... args) {
    CommandLine commandLine = factory.create();
    for (Class<?> subcommand : Subcommands.needed(args)) {
      commandLine.addSubcommand(new CommandLine(subcommand, commandLine.getFactory()));
    }
    return commandLine;
  }

  // After the subcommands are added: these settings reach only the ones present.
  private CommandLine configured(CommandLine commandLine) {
    commandLine
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(new UsageErrorHandler(workspace, trust))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(100)
        .setExecutionStrategy(
            parsed -> {
              StartupProfile.commandReached();
              return new CommandLine.RunLast().execute(parsed);
            });
    commandLine
        .getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
    commandLine
        .getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new GroupedCommandList());
    diagnostics.use(commandLine.getErr());
    return commandLine;
  }
}
