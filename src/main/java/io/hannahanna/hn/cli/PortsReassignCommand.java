package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.PortMoves;
import io.hannahanna.hn.compose.ProjectPreparation;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "reassign",
    mixinStandardHelpOptions = true,
    description = {
      "Give a worktree (or one of its services) new host ports.",
      "Give a worktree (or one of its services) new host ports; the old ones are freed,",
      "all in one transaction. Prints the new allocations. The worktree's generated compose",
      "file and docker.env_file are rewritten; a running stack takes the new ports on its next",
      "'hn docker start'."
    },
    footer = {"", "Examples:", "  hn ports reassign feat-x", "  hn ports reassign feat-x web"})
public class PortsReassignCommand implements Callable<Integer> {
  private final PortRegistry registry;
  private final Worktrees worktrees;
  private final ProjectPreparation preparation;
  private final PortMoves portMoves;

  @Mixin JsonOutput output;

  @Parameters(index = "0", paramLabel = "<worktree>", description = "Worktree name.")
  String worktree;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "<service>",
      description = "Only this service.")
  String service;

  public PortsReassignCommand(
      PortRegistry registry,
      Worktrees worktrees,
      ProjectPreparation preparation,
      PortMoves portMoves) {
    this.registry = registry;
    this.worktrees = worktrees;
    this.preparation = preparation;
    this.portMoves = portMoves;
  }

  @Override
  public Integer call() {
    List<PortAllocation> moved = registry.reassign(worktree, service);
    // its compose file and env file follow, and its running services; a registry row whose
    // worktree is gone has none of them
    worktrees.list().stream()
        .filter(w -> w.name().equals(worktree))
        .findFirst()
        .ifPresent(
            w -> {
              preparation.refresh(w);
              portMoves
                  .recreateRunning(
                      w, moved.stream().map(PortAllocation::service).collect(Collectors.toSet()))
                  .forEach(s -> output.info(s + ": recreated on its new port"));
            });
    PortsOutput.print(output.out(), output.json(), moved.stream().map(PortView::of).toList());
    return ExitCode.OK;
  }
}
