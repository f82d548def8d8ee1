package io.hannahanna.hn.ports;

import io.hannahanna.hn.config.Subnet;
import java.time.Instant;

/**
 * A subnet the registry gave a worktree's network, in place of the one its compose file fixes.
 *
 * @param repository the main checkout's path
 * @param network the network's key in the compose file
 * @param base the subnet the compose file fixes
 * @param subnet the worktree's own, of the same size
 */
public record SubnetAllocation(
    String repository,
    String worktree,
    String network,
    Subnet base,
    Subnet subnet,
    Instant allocatedAt) {}
