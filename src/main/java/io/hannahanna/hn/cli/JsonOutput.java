package io.hannahanna.hn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The `--json` option: one JSON document on stdout instead of a table. */
public class JsonOutput {
  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  public boolean enabled() {
    return json;
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
