package io.hannahanna.hn.ports;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.Subnet;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Which subnet a network gets: the lowest one of its size in the pools that nothing overlaps. */
final class SubnetPool {
  private SubnetPool() {}

  /**
   * A worktree's subnets for the requests, inside the caller's transaction: what it holds it keeps,
   * unless one of the taken ones overlaps it now; what its file no longer fixes is freed, the rest
   * comes from the pools, never overlapping a subnet any repository holds or one of the taken ones
   * (the engine's networks).
   */
  static List<SubnetAllocation> allocate(
      Connection c,
      long repoId,
      String repository,
      String worktree,
      List<SubnetRequest> requests,
      List<Subnet> pools,
      Collection<Subnet> taken,
      Instant now)
      throws SQLException {
    List<SubnetAllocation> held = new ArrayList<>();
    for (SubnetAllocation h : SubnetStore.held(c, repoId, worktree)) {
      // a subnet another network took while the worktree's was down is given up for a free one
      boolean takenNow = taken.stream().anyMatch(t -> t.overlaps(h.subnet()));
      if (takenNow || requests.stream().noneMatch(r -> matches(h, r))) {
        SubnetStore.delete(c, repoId, h);
      } else {
        held.add(h);
      }
    }
    List<Subnet> inUse = new ArrayList<>(SubnetStore.everySubnet(c));
    inUse.addAll(taken);
    List<SubnetAllocation> result = new ArrayList<>();
    for (SubnetRequest request : requests) {
      Optional<SubnetAllocation> kept = held.stream().filter(h -> matches(h, request)).findFirst();
      if (kept.isPresent()) {
        result.add(kept.get());
        continue;
      }
      Subnet subnet = lowestFree(pools, request.base(), inUse, request.network());
      SubnetAllocation allocation =
          new SubnetAllocation(
              repository, worktree, request.network(), request.base(), subnet, now);
      SubnetStore.insert(c, repoId, allocation);
      inUse.add(subnet);
      result.add(allocation);
    }
    return result;
  }

  private static boolean matches(SubnetAllocation held, SubnetRequest request) {
    return held.network().equals(request.network()) && held.base().equals(request.base());
  }

  /**
   * The lowest subnet of the base's size and family in the pools (in their order) that overlaps
   * none of the taken ones. Each step either finds one or jumps past a taken subnet.
   */
  static Subnet lowestFree(
      List<Subnet> pools, Subnet base, Collection<Subnet> taken, String network) {
    boolean fits = false;
    for (Subnet pool : pools) {
      if (!pool.sameFamily(base) || pool.prefix() > base.prefix()) {
        continue;
      }
      fits = true;
      Subnet candidate = base.at(pool.network());
      while (candidate.last().compareTo(pool.last()) <= 0) {
        Subnet blocker = null;
        for (Subnet t : taken) {
          if (t.overlaps(candidate)) {
            blocker = t;
            break;
          }
        }
        if (blocker == null) {
          return candidate;
        }
        BigInteger next = blocker.last().max(candidate.last()).add(BigInteger.ONE);
        // round up to the next subnet boundary of the candidate's size
        BigInteger step = candidate.size();
        next = next.add(step).subtract(BigInteger.ONE).divide(step).multiply(step);
        candidate = candidate.at(next);
      }
    }
    String listed = String.join(", ", pools.stream().map(Subnet::toString).toList());
    if (!fits) {
      throw new HnException(
          "No subnet of docker.networks.pool ("
              + listed
              + ") can hold a /"
              + base.prefix()
              + " like the one network '"
              + network
              + "' fixes ("
              + base
              + "); add a wider "
              + (base.bits() == 32 ? "IPv4" : "IPv6")
              + " block to docker.networks.pool in .hannahanna.yml.");
    }
    throw new HnException(
        "No free /"
            + base.prefix()
            + " subnet left in docker.networks.pool ("
            + listed
            + ") for network '"
            + network
            + "'; widen docker.networks.pool in .hannahanna.yml or remove worktrees you no"
            + " longer need.");
  }
}
