package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.WorktreeName;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Free every port of a worktree (exact name) and print what was freed.",
    footer = {"", "Example:", "  hn ports release feat-x"})
public class PortsReleaseCommand implements Callable<Integer> {
  private final PortRegistry registry;

  @Spec CommandSpec spec;
  @Mixin JsonOutput output;

  @Parameters(paramLabel = "<worktree>", description = "Worktree name.")
  String worktree;

  public PortsReleaseCommand(PortRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    try {
      WorktreeName.validate(worktree);
    } catch (HnException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<PortAllocation> released = registry.release(worktree);
    PortsOutput.print(output.out(), output.json(), released.stream().map(PortView::of).toList());
    output.info("Released " + released.size() + " port(s) of '" + worktree + "'.");
    return ExitCode.OK;
  }
}
