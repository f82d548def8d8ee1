package io.hannahanna.hn.cli;

import io.hannahanna.hn.ports.PortRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "List this repository's port allocations.",
      "JSON: {\"allocations\": [{repository, worktree, service, containerPort, hostPort, protocol,"
          + " allocatedAt, inUseByOthers}]}"
    },
    footer = {"", "Example:", "  hn ports list --json | jq '.allocations[] | .hostPort'"})
public class PortsListCommand implements Callable<Integer> {
  private final PortRegistry registry;

  @Mixin JsonOutput output;

  public PortsListCommand(PortRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    PortsOutput.print(
        output.out(), output.json(), registry.list().stream().map(PortView::of).toList());
    return ExitCode.OK;
  }
}
