package io.hannahanna.hn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command's one output path, as a mixin (in the manner of the Quarkus CLI's OutputOptionMixin):
 * the result on stdout (a table, a path), what happened on stderr. Commands that can print JSON
 * take {@link JsonOutput}, which adds `--json`. No command writes to its CommandLine's writers
 * itself (LayersTest's neighbour, OutputPathTest, says so).
 */
@Command // a mixin picocli recognises as one even without options of its own
public class Output {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** Whether the result is one JSON document; only {@link JsonOutput} has `--json`. */
  public boolean json() {
    return false;
  }

  public PrintWriter out() {
    return mixee.commandLine().getOut();
  }

  public PrintWriter err() {
    return mixee.commandLine().getErr();
  }

  /** A line of the result (stdout), flushed: a path the shell function reads, say. */
  public void result(Object line) {
    out().println(line);
    out().flush();
  }

  /** A line about what happened (stderr), so stdout stays the result alone. */
  public void info(String message) {
    err().println(message);
    err().flush();
  }

  /** The result as one JSON document on stdout. */
  public void printJson(Object document) {
    write(out(), document);
  }

  /**
   * Asks a yes/no question on a terminal (default no); without a terminal there is nobody to ask,
   * so the answer is no and the caller says which option answers yes.
   */
  public boolean confirm(String question) {
    if (System.console() == null) {
      return false;
    }
    err().print(question + " [y/N] ");
    err().flush();
    String answer = System.console().readLine();
    return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
  }

  // One mapper for the process: its serializers are built once, not on every call (hn mcp's).
  private static final ObjectWriter JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writer();

  public static void write(PrintWriter out, Object document) {
    try {
      out.println(JSON.writeValueAsString(document));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
