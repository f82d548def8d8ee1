package io.hannahanna.hn;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.PrintWriter;

/**
 * Progress and warnings for the user. They go to stderr (the command line's error writer), so
 * stdout keeps only the command's data.
 */
@RequestScoped
public class Diagnostics {
  private final Terminal terminal;
  private PrintWriter err = new PrintWriter(System.err, true);

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  Diagnostics() {
    this(null);
  }

  @Inject
  public Diagnostics(Terminal terminal) {
    this.terminal = terminal;
  }

  public void use(PrintWriter writer) {
    this.err = writer;
  }

  public void warn(String message) {
    err.println("warning: " + message);
    err.flush();
  }

  /** Progress of a long wait: shown on a terminal, left out of scripts and logs. */
  public void progress(String message) {
    if (terminal.stderr()) {
      info(message);
    }
  }

  /** Whether stderr is a terminal, where progress is drawn. */
  public boolean onTerminal() {
    return terminal.stderr();
  }

  /** A line redrawn in place on a terminal (a progress bar); nothing elsewhere. */
  public void status(String line) {
    if (terminal.stderr()) {
      err.print("\r\033[K" + line);
      err.flush();
    }
  }

  /** Clears the line {@link #status} drew. */
  public void clearStatus() {
    status("");
  }

  public void info(String message) {
    err.println(message);
    err.flush();
  }
}
