package io.hannahanna.hn.cli;

import io.hannahanna.hn.config.ConfigLoader;
import io.hannahanna.hn.repo.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the config files (hannahanna's spelling of a check hn makes on every command).",
      "Exit 0 and 'valid' when they read; else exit 1 with the file:line:col of the error."
    },
    footer = {"", "Example:", "  hn config validate"})
public class ConfigValidateCommand implements Callable<Integer> {
  private final Workspace workspace;
  private final ConfigLoader loader;
  @Mixin Output output;

  public ConfigValidateCommand(Workspace workspace, ConfigLoader loader) {
    this.workspace = workspace;
    this.loader = loader;
  }

  @Override
  public Integer call() {
    List<Path> read =
        loader.candidates(workspace.repo().root()).stream().filter(Files::exists).toList();
    output.result(
        read.isEmpty()
            ? "valid: no config files (hn's defaults)"
            : "valid: " + String.join(", ", read.stream().map(Path::toString).toList()));
    return ExitCode.OK;
  }
}
