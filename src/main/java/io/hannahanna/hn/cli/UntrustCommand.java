package io.hannahanna.hn.cli;

import io.hannahanna.hn.config.TrustStore;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "untrust",
    mixinStandardHelpOptions = true,
    description = {
      "Take back 'hn trust': this repository's hooks and compose_command no longer run."
    },
    footer = {"", "Example:", "  hn untrust"})
public class UntrustCommand implements Callable<Integer> {
  private final Workspace workspace;
  private final TrustStore store;

  @Mixin Output output;

  public UntrustCommand(Workspace workspace, TrustStore store) {
    this.workspace = workspace;
    this.store = store;
  }

  @Override
  public Integer call() {
    Repo repo = workspace.repo();
    boolean was = store.untrust(repo.configFile());
    output
        .err()
        .println(
            was
                ? "No longer trusted: " + repo.configFile() + "."
                : repo.configFile() + " was not trusted; nothing changed.");
    output.err().flush();
    return ExitCode.OK;
  }
}
