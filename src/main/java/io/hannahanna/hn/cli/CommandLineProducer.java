package io.hannahanna.hn.cli;

import io.hannahanna.hn.Diagnostics;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

@ApplicationScoped
public class CommandLineProducer {

  @Produces
  CommandLine commandLine(
      PicocliCommandLineFactory factory, ErrorHandler errors, Diagnostics diagnostics) {
    CommandLine commandLine =
        factory
            .create()
            .setExecutionExceptionHandler(errors)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setUsageHelpWidth(100);
    diagnostics.use(commandLine.getErr());
    return commandLine;
  }
}
