package io.hannahanna.hn.cli;

import io.hannahanna.hn.ports.PortRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "reassign",
    mixinStandardHelpOptions = true,
    description = {
      "Give a worktree (or one of its services) new host ports; the old ones are freed,",
      "all in one transaction. Prints the new allocations."
    },
    footer = {"", "Examples:", "  hn ports reassign feat-x", "  hn ports reassign feat-x web"})
public class PortsReassignCommand implements Callable<Integer> {
  private final PortRegistry registry;

  @Spec CommandSpec spec;
  @Mixin JsonOutput json;

  @Parameters(index = "0", paramLabel = "<worktree>", description = "Worktree name.")
  String worktree;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "<service>",
      description = "Only this service.")
  String service;

  public PortsReassignCommand(PortRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    PortsOutput.print(
        spec.commandLine().getOut(),
        json.enabled(),
        registry.reassign(worktree, service).stream().map(PortView::of).toList());
    return ExitCode.OK;
  }
}
