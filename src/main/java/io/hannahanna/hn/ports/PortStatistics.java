package io.hannahanna.hn.ports;

import io.hannahanna.hn.config.HnConfig.PortRange;
import io.hannahanna.hn.state.Database;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** `hn ports stats`: the registry's numbers, and the range's ports other programs hold. */
@Singleton
public class PortStatistics {
  private final PortRegistry registry;
  private final Database database;
  private final PortProbe ports;

  public PortStatistics(PortRegistry registry, Database database, PortProbe ports) {
    this.registry = registry;
    this.database = database;
    this.ports = ports;
  }

  /** This repository's allocations counted, and how full the port range is machine-wide. */
  public PortStats stats() {
    PortRange range = registry.range();
    List<PortAllocation> mine = registry.list();
    Set<Integer> registered =
        database.read(c -> PortStore.heldTcpBetween(c, ports.space(), range.first(), range.last()));
    int held = registered.size();
    // ports of the range that other programs hold are not available either
    int heldByOthers = 0;
    for (int port = range.first(); port <= range.last(); port++) {
      if (!registered.contains(port) && ports.inUse(port, Protocol.TCP)) {
        heldByOthers++;
      }
    }
    Map<String, Long> byService =
        mine.stream()
            .collect(
                Collectors.groupingBy(
                    PortAllocation::service, TreeMap::new, Collectors.counting()));
    List<PortStats.PortCount> common =
        mine.stream()
            .filter(a -> a.containerPort() > 0)
            .collect(Collectors.groupingBy(PortAllocation::containerPort, Collectors.counting()))
            .entrySet()
            .stream()
            .sorted(
                Map.Entry.<Integer, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(5)
            .map(e -> new PortStats.PortCount(e.getKey(), e.getValue()))
            .toList();
    return new PortStats(
        mine.size(),
        byService,
        range.toString(),
        range.size(),
        held,
        Math.round(10000.0 * held / range.size()) / 10000.0,
        heldByOthers,
        range.size() - held - heldByOthers,
        mine.stream().map(PortAllocation::hostPort).max(Integer::compare).orElse(null),
        common);
  }
}
