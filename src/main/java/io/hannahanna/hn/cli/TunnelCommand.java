package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.compose.EngineTarget;
import io.hannahanna.hn.compose.SshTunnel;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.Protocol;
import io.hannahanna.hn.ports.SystemPorts;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "tunnel",
    mixinStandardHelpOptions = true,
    description = {
      "Forward a worktree's ports from its ssh engine's host to the same ports on this machine.",
      "For a stack on an ssh:// engine (hn add --context, docker.context or DOCKER_HOST): each of",
      "its TCP ports answers on localhost here, as if the stack ran here, until Ctrl-C (ssh -L).",
      "A port another program holds here is left out, and said so. A tcp:// engine's ports answer",
      "at its host already (WT_HOST in hn env); a local engine's need nothing."
    },
    footer = {"", "Example:", "  hn tunnel feat-x    # then http://localhost:$WT_PORTS_WEB"})
public class TunnelCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final EngineTarget engine;
  private final PortRegistry registry;
  private final SystemPorts here;
  private final ProcessRunner runner;

  @Mixin Output output;

  @Parameters(paramLabel = "<name>", description = "Worktree name, or part of it.")
  String name;

  public TunnelCommand(
      Worktrees worktrees,
      EngineTarget engine,
      PortRegistry registry,
      SystemPorts here,
      ProcessRunner runner) {
    this.worktrees = worktrees;
    this.engine = engine;
    this.registry = registry;
    this.here = here;
    this.runner = runner;
  }

  @Override
  public Integer call() {
    Worktree worktree = worktrees.find(name);
    engine.select(worktree.name());
    List<Integer> ports = new ArrayList<>();
    for (PortAllocation a : registry.show(worktree.name())) {
      if (a.protocol() != Protocol.TCP) {
        continue;
      }
      if (here.inUse(a.hostPort(), Protocol.TCP)) {
        output.info(
            "hn: localhost:" + a.hostPort() + " is taken here, so " + a.service() + " stays out.");
      } else {
        ports.add(a.hostPort());
        output.info("hn: " + a.service() + " -> localhost:" + a.hostPort());
      }
    }
    var ssh = SshTunnel.command(engine.endpoint(), ports, worktree.name());
    if (ports.isEmpty()) {
      throw new HnException(
          "'"
              + worktree.name()
              + "' has no TCP port to forward; 'hn ports show "
              + worktree.name()
              + "' lists its ports.");
    }
    output.info("hn: forwarding through " + engine.host() + " until Ctrl-C.");
    return runner.runInteractive(ssh);
  }
}
