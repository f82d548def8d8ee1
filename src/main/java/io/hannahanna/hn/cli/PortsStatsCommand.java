package io.hannahanna.hn.cli;

import io.hannahanna.hn.ports.PortStatistics;
import io.hannahanna.hn.ports.PortStats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Print figures about the port registry.",
      "Registry figures: allocations in all and per service, share of the port range in use,",
      "highest port, most-used container ports, ports left in the range.",
      "JSON: {total, byService, range, rangeSize, heldInRange, shareOfRangeInUse, heldByOthers, portsLeft,"
          + " highestPort, mostUsedContainerPorts: [{containerPort, count}]}"
    },
    footer = {"", "Example:", "  hn ports stats --json"})
public class PortsStatsCommand implements Callable<Integer> {
  private final PortStatistics statistics;

  @Mixin JsonOutput output;

  public PortsStatsCommand(PortStatistics statistics) {
    this.statistics = statistics;
  }

  @Override
  public Integer call() {
    PortStats stats = statistics.stats();
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(StatsView.of(stats));
      return ExitCode.OK;
    }
    new Table()
        .row("allocations:", Integer.toString(stats.total()))
        .row(
            "per service:",
            stats.byService().isEmpty()
                ? "none"
                : stats.byService().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")))
        .row("range:", stats.range() + " (" + stats.rangeSize() + " ports)")
        .row(
            "in use:",
            stats.heldInRange() + String.format(" (%.2f%%)", 100 * stats.shareOfRangeInUse()))
        .row("held by others:", stats.heldByOthers() + " (other programs, outside the registry)")
        .row("ports left:", Integer.toString(stats.portsLeft()))
        .row("highest port:", stats.highestPort() == null ? "-" : stats.highestPort().toString())
        .row(
            "most-used:",
            stats.mostUsedContainerPorts().stream()
                .map(p -> p.containerPort() + " (" + p.count() + ")")
                .collect(Collectors.joining(", ")))
        .print(out);
    return ExitCode.OK;
  }

  /** The JSON shape of `hn ports stats --json` (field names are stable). */
  public record StatsView(
      int total,
      Map<String, Long> byService,
      String range,
      int rangeSize,
      int heldInRange,
      double shareOfRangeInUse,
      int heldByOthers,
      int portsLeft,
      Integer highestPort,
      List<PortCountView> mostUsedContainerPorts) {
    static StatsView of(PortStats s) {
      return new StatsView(
          s.total(),
          s.byService(),
          s.range(),
          s.rangeSize(),
          s.heldInRange(),
          s.shareOfRangeInUse(),
          s.heldByOthers(),
          s.portsLeft(),
          s.highestPort(),
          s.mostUsedContainerPorts().stream()
              .map(c -> new PortCountView(c.containerPort(), c.count()))
              .toList());
    }
  }

  /** How many services publish a container port. */
  public record PortCountView(int containerPort, long count) {}
}
