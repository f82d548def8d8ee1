package io.hannahanna.hn.cli;

import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.SubnetAllocation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "networks",
    mixinStandardHelpOptions = true,
    description = {
      "The subnets hn gave each worktree's networks.",
      "A compose network that fixes its subnet (ipam config) gets one of the same size per",
      "worktree, from docker.networks.pool; its fixed addresses move to the same offsets.",
      "SQL view: network_allocations_v."
    },
    footer = {"", "Example:", "  hn networks list --json | jq -r '.subnets[].subnet'"},
    subcommands = NetworksCommand.ListSubnets.class)
public class NetworksCommand {

  /** The JSON shape of one subnet (field names are stable). */
  public record SubnetView(
      String repository,
      String worktree,
      String network,
      String baseSubnet,
      String subnet,
      String allocatedAt) {
    static SubnetView of(SubnetAllocation a) {
      return new SubnetView(
          a.repository(),
          a.worktree(),
          a.network(),
          a.base().toString(),
          a.subnet().toString(),
          a.allocatedAt().toString());
    }
  }

  @Command(
      name = "list",
      aliases = "ls",
      mixinStandardHelpOptions = true,
      description = {
        "List this repository's subnet allocations.",
        "JSON: {\"subnets\": [{repository, worktree, network, baseSubnet, subnet, allocatedAt}]}"
      },
      footer = {"", "Example:", "  hn networks list"})
  public static class ListSubnets implements Callable<Integer> {
    private final PortRegistry registry;

    @Mixin JsonOutput output;

    public ListSubnets(PortRegistry registry) {
      this.registry = registry;
    }

    @Override
    public Integer call() {
      List<SubnetView> subnets = registry.subnets().stream().map(SubnetView::of).toList();
      PrintWriter out = output.out();
      if (output.json()) {
        output.printJson(Map.of("subnets", subnets));
        return ExitCode.OK;
      }
      Table table = new Table().row("WORKTREE", "NETWORK", "SUBNET", "INSTEAD OF");
      subnets.forEach(s -> table.row(s.worktree(), s.network(), s.subnet(), s.baseSubnet()));
      table.print(out);
      out.flush();
      return ExitCode.OK;
    }
  }
}
