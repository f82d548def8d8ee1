package io.hannahanna.hn.cli;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Singleton;
import java.io.PrintWriter;

/**
 * One hn invocation. What an invocation learns (the repository of `-C`, its database connection,
 * the options that change output) lives in request-scoped beans, and each invocation runs in its
 * own request context: the process runs one, a test's application runs many, none sees another's.
 */
@Singleton
@Unremovable
public class HnApplication implements QuarkusApplication {
  private final CommandLines commandLines;

  HnApplication(CommandLines commandLines) {
    this.commandLines = commandLines;
  }

  @Override
  @ActivateRequestContext
  public int run(String... args) {
    return commandLines.create(args).execute(args);
  }

  /** An invocation that writes to the given writers instead of the process's stdout and stderr. */
  @ActivateRequestContext
  public int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLines.create(args, out, err).execute(args);
  }
}
