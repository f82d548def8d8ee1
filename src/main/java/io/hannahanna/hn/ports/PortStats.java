package io.hannahanna.hn.ports;

import java.util.List;
import java.util.Map;

/**
 * Figures about the registry for `hn ports stats` (JSON field names are stable).
 *
 * @param total this repository's allocations
 * @param heldInRange allocations of any repository in the file that lie in this range (TCP)
 * @param heldByOthers ports of the range that other programs hold, outside the registry (TCP)
 * @param portsLeft ports of the range neither held in the registry nor by another program
 */
public record PortStats(
    int total,
    Map<String, Long> byService,
    String range,
    int rangeSize,
    int heldInRange,
    double shareOfRangeInUse,
    int heldByOthers,
    int portsLeft,
    Integer highestPort,
    List<PortCount> mostUsedContainerPorts) {

  /** How many services publish a container port. */
  public record PortCount(int containerPort, long count) {}
}
