package io.hannahanna.hn.ports;

import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.repo.WorktreeName;

/**
 * A request for a worktree's own subnet in place of one a compose network fixes.
 *
 * @param network the network's key in the compose file
 * @param base the subnet the compose file fixes; the worktree's has the same size
 */
public record SubnetRequest(String worktree, String network, Subnet base) {
  public SubnetRequest {
    WorktreeName.validate(worktree);
  }
}
