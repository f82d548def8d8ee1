package io.hannahanna.hn.cli;

import picocli.CommandLine.Option;

/** {@link Output} with `--json`: the result as one JSON document from a view record. */
public class JsonOutput extends Output {
  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Override
  public boolean json() {
    return json;
  }
}
