package io.hannahanna.hn.ports;

import java.time.Instant;

/** A host port held in the registry by one published port of a worktree's service. */
public record PortAllocation(
    String repository,
    String worktree,
    String service,
    int containerPort,
    Protocol protocol,
    int hostPort,
    Instant allocatedAt) {}
