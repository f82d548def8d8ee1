package io.hannahanna.hn.cli;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.StartupProfile;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

@ApplicationScoped
public class CommandLineProducer {

  @Produces
  CommandLine commandLine(
      PicocliCommandLineFactory factory,
      ErrorHandler errors,
      Diagnostics diagnostics,
      Workspace workspace,
      RepositoryTrust trust,
      @CommandLineArguments String[] args) {
    CommandLine commandLine = factory.create();
    for (Class<?> subcommand : Subcommands.needed(args)) {
      commandLine.addSubcommand(new CommandLine(subcommand, commandLine.getFactory()));
    }
    // After the subcommands are added: these settings reach only the ones present.
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
