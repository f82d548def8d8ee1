package io.hannahanna.hn.cli;

import java.io.PrintWriter;
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
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
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
}
