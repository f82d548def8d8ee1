package io.hannahanna.hn.cli;

import io.hannahanna.hn.ports.PortAllocation;

/**
 * The JSON shape of one allocation (field names are stable).
 *
 * @param inUseByOthers whether another program now listens on the port; null when not checked
 */
public record PortView(
    String repository,
    String worktree,
    String service,
    int containerPort,
    int hostPort,
    String protocol,
    String allocatedAt,
    Boolean inUseByOthers) {

  static PortView of(PortAllocation a) {
    return of(a, null);
  }

  static PortView of(PortAllocation a, Boolean inUse) {
    return new PortView(
        a.repository(),
        a.worktree(),
        a.service(),
        a.containerPort(),
        a.hostPort(),
        a.protocol().id(),
        a.allocatedAt().toString(),
        inUse);
  }

  String containerPortText() {
    return containerPort == 0 ? "-" : Integer.toString(containerPort);
  }
}
