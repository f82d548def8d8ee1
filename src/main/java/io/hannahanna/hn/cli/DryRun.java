package io.hannahanna.hn.cli;

import picocli.CommandLine.Option;

/** `--dry-run` for the commands that remove things: report what would go, remove nothing. */
public class DryRun {
  @Option(names = "--dry-run", description = "Only print what would be removed.")
  boolean enabled;

  public boolean enabled() {
    return enabled;
  }
}
