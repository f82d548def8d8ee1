package io.hannahanna.hn.cli;

import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.worktree.NameMatcher;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show a worktree's ports and whether another program now uses any of them.",
      "Names match fuzzily. JSON as in 'hn ports list'."
    },
    footer = {"", "Example:", "  hn ports show feat-x"})
public class PortsShowCommand implements Callable<Integer> {
  private final PortRegistry registry;

  @Mixin JsonOutput output;

  @Parameters(paramLabel = "<worktree>", description = "Worktree name, or part of it.")
  String worktree;

  public PortsShowCommand(PortRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    List<PortAllocation> all = registry.list();
    String name =
        NameMatcher.match(worktree, all.stream().map(PortAllocation::worktree).distinct().toList());
    PortsOutput.print(
        output.out(),
        output.json(),
        all.stream()
            .filter(a -> a.worktree().equals(name))
            .map(a -> PortView.of(a, registry.takenByOthers(a)))
            .toList());
    return ExitCode.OK;
  }
}
