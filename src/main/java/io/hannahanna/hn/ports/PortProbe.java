package io.hannahanna.hn.ports;

/** Whether another program uses a host port where the stacks publish theirs, and where that is. */
public interface PortProbe {
  boolean inUse(int port, Protocol protocol);

  /**
   * The port space the registry hands ports out of: "" for this machine (local engines), else the
   * remote engine's host. A port is held at most once in each.
   */
  default String space() {
    return "";
  }
}
