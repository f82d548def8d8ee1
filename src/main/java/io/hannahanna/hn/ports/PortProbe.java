package io.hannahanna.hn.ports;

/** Whether another program uses a host port where the stacks publish theirs. */
public interface PortProbe {
  boolean inUse(int port, Protocol protocol);
}
