package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.Terminal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions into one line on stderr and exit code 1; stack traces only when asked. */
@RequestScoped
public class ErrorHandler implements IExecutionExceptionHandler {
  private final Terminal terminal;
  private boolean verbose;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  ErrorHandler() {
    this(false, null);
  }

  @Inject
  public ErrorHandler(
      @ConfigProperty(name = "hn.debug", defaultValue = "false") boolean debug, Terminal terminal) {
    this.verbose = debug;
    this.terminal = terminal;
  }

  void verbose(boolean verbose) {
    this.verbose = this.verbose || verbose;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println(terminal.errorPrefix() + " " + message(e));
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    } else if (!(e instanceof HnException)) {
      err.println("hn: this looks like a bug in hn; run again with --verbose for details.");
    }
    err.flush();
    return e instanceof io.hannahanna.hn.InvalidInput ? ExitCode.USAGE : ExitCode.FAILURE;
  }

  private static String message(Throwable e) {
    if (e instanceof HnException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException io) {
      return io.getMessage() + ": " + io.getCause().getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
