package io.hannahanna.hn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command's output, as a mixin (in the manner of the Quarkus CLI's OutputOptionMixin): the result
 * on stdout (a table, a path, or with `--json` one JSON document from a view record), and what
 * happened on stderr.
 */
public class Output {
  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  public boolean json() {
    return json;
  }

  public PrintWriter out() {
    return mixee.commandLine().getOut();
  }

  public PrintWriter err() {
    return mixee.commandLine().getErr();
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

  public static void write(PrintWriter out, Object document) {
    try {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(document));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
