package io.hannahanna.hn.cli;

import io.hannahanna.hn.ports.PortRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check whether another program now uses an allocated port.",
      "Check every allocated port: is another program now using it?",
      "Exits 1 when one is taken (a worktree's own running containers count as 'in use' too)."
    },
    footer = {"", "Example:", "  hn ports check || hn ports reassign feat-x"})
public class PortsCheckCommand implements Callable<Integer> {
  private final PortRegistry registry;

  @Mixin JsonOutput output;

  public PortsCheckCommand(PortRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    List<PortView> ports =
        registry.list().stream().map(a -> PortView.of(a, registry.takenByOthers(a))).toList();
    PortsOutput.print(output.out(), output.json(), ports);
    long taken = ports.stream().filter(PortView::inUseByOthers).count();
    if (taken > 0) {
      output
          .err()
          .println(
              taken
                  + " allocated port(s) are in use by another program; stop it or move the worktree"
                  + " with 'hn ports reassign <worktree>'.");
      output.err().flush();
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  }
}
