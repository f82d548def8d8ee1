package io.hannahanna.hn.ports;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig.PortRange;
import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RepositoryRows;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The port registry: which host port each published port of each worktree holds. Every change is
 * one transaction, and the schema's UNIQUE (engine_host, protocol, host_port) makes two holders on
 * one host impossible.
 */
@Singleton
public class PortRegistry {
  private final Database database;
  private final Workspace workspace;
  private final PortProbe ports;
  private final LegacyRegistryImport legacyImport;

  public PortRegistry(
      Database database, Workspace workspace, PortProbe ports, LegacyRegistryImport legacyImport) {
    this.database = database;
    this.workspace = workspace;
    this.ports = ports;
    this.legacyImport = legacyImport;
  }

  /**
   * Gives every request a host port, all in one transaction: all of them or none. A request that
   * already holds a port keeps it.
   */
  public List<PortAllocation> allocate(List<PortRequest> requests) {
    return allocate(requests, Set.of());
  }

  /**
   * As {@link #allocate(List)}, never choosing a reserved port: the fixed host ports of the
   * repository's compose file stay free for a plain `docker compose up` in the main checkout.
   */
  public List<PortAllocation> allocate(List<PortRequest> requests, Set<Integer> reserved) {
    Repo repo = repo();
    return database.transaction(
        c ->
            allocatePorts(
                c,
                RepositoryRows.id(c, repo.root(), repo.name(), repo.uid()),
                repo,
                requests,
                reserved));
  }

  /** What a worktree holds in the registry: host ports and subnets. */
  public record Holdings(List<PortAllocation> ports, List<SubnetAllocation> subnets) {}

  /**
   * A worktree's ports and subnets in one transaction, all or none. Subnets come from
   * docker.networks.pool and never overlap a held one or one of the taken ones (the engine's
   * networks); subnets of networks the file no longer fixes are freed.
   */
  public Holdings allocate(
      String worktree,
      List<PortRequest> ports,
      Set<Integer> reserved,
      List<SubnetRequest> subnets,
      Collection<Subnet> taken) {
    Repo repo = repo();
    List<Subnet> pools = repo.config().docker().networkPool();
    return database.transaction(
        c -> {
          long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
          return new Holdings(
              allocatePorts(c, id, repo, ports, reserved),
              SubnetPool.allocate(
                  c, id, repo.root().toString(), worktree, subnets, pools, taken, now()));
        });
  }

  /** This repository's subnets, by worktree. */
  public List<SubnetAllocation> subnets() {
    Repo repo = repo();
    return database.read(c -> SubnetStore.all(c, repo));
  }

  /** Frees a worktree's ports and subnets in one transaction (hn remove). */
  public void releaseAll(String worktree) {
    Repo repo = repo();
    database.transaction(
        c -> {
          long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
          PortStore.deleteWorktree(c, id, worktree);
          SubnetStore.deleteWorktree(c, id, worktree);
          return null;
        });
  }

  private List<PortAllocation> allocatePorts(
      Connection c, long id, Repo repo, List<PortRequest> requests, Set<Integer> reserved)
      throws SQLException {
    List<PortAllocation> result = new ArrayList<>();
    for (PortRequest request : requests) {
      result.add(allocateOne(c, id, repo, request, reserved));
    }
    return result;
  }

  /** Whether the worktree holds a port for every request, as allocateOne would find it. */
  public boolean holdsAll(String worktree, List<PortRequest> requests) {
    List<PortAllocation> held = show(worktree);
    return requests.stream()
        .allMatch(
            r ->
                held.stream()
                    .anyMatch(
                        h ->
                            h.service().equals(r.service())
                                && h.protocol() == r.protocol()
                                && (h.containerPort() == r.containerPort()
                                    || h.containerPort() == 0)));
  }

  /** This repository's allocations, by worktree, service and port. */
  public List<PortAllocation> list() {
    Repo repo = repo();
    return database.read(c -> PortStore.all(c, repo));
  }

  public List<PortAllocation> show(String worktree) {
    return list().stream().filter(a -> a.worktree().equals(worktree)).toList();
  }

  /** Frees every port of a worktree and returns what was freed. */
  public List<PortAllocation> release(String worktree) {
    Repo repo = repo();
    return database.transaction(
        c -> {
          long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
          List<PortAllocation> held = PortStore.held(c, repo, worktree);
          PortStore.deleteWorktree(c, id, worktree);
          return held;
        });
  }

  /**
   * Moves a worktree's ports (or one service's) to new host ports in one transaction; the old ports
   * are free afterwards.
   */
  public List<PortAllocation> reassign(String worktree, String service) {
    Repo repo = repo();
    return database.transaction(
        c -> {
          List<PortAllocation> moved = new ArrayList<>();
          for (PortAllocation old : PortStore.held(c, repo, worktree)) {
            if (service != null && !old.service().equals(service)) {
              continue;
            }
            // The old port is still held while the new one is searched, so it is never chosen.
            int port =
                freePort(
                    c, repo, base(repo, old.service(), 0), old.service(), old.protocol(), Set.of());
            Instant now = now();
            PortStore.move(c, ports.space(), old.protocol(), old.hostPort(), port, now);
            moved.add(
                new PortAllocation(
                    old.repository(),
                    worktree,
                    old.service(),
                    old.containerPort(),
                    old.protocol(),
                    port,
                    now));
          }
          if (moved.isEmpty()) {
            throw new HnException(
                "Worktree '"
                    + worktree
                    + "' holds no ports"
                    + (service == null ? "" : " for service '" + service + "'")
                    + "; 'hn ports list' shows the allocations.");
          }
          return moved;
        });
  }

  /** Whether another program now uses a port the registry gave out. */
  public boolean takenByOthers(PortAllocation allocation) {
    return ports.inUse(allocation.hostPort(), allocation.protocol());
  }

  public PortRange range() {
    return repo().config().docker().range();
  }

  private Repo repo() {
    Repo repo = workspace.repo();
    legacyImport.importOnce(repo);
    return repo;
  }

  private PortAllocation allocateOne(
      Connection c, long repoId, Repo repo, PortRequest request, Set<Integer> reserved)
      throws SQLException {
    List<PortAllocation> existing = PortStore.heldFor(c, repoId, request);
    if (!existing.isEmpty()) {
      PortAllocation held = existing.get(0);
      if (held.containerPort() == request.containerPort()) {
        return held;
      }
      // A port imported without its container port: it now learns it.
      PortStore.setContainerPort(
          c, ports.space(), request.protocol(), held.hostPort(), request.containerPort());
      return new PortAllocation(
          held.repository(),
          held.worktree(),
          held.service(),
          request.containerPort(),
          held.protocol(),
          held.hostPort(),
          held.allocatedAt());
    }
    int base = base(repo, request.service(), request.preferred());
    int port = freePort(c, repo, base, request.service(), request.protocol(), reserved);
    Instant now = now();
    PortStore.insert(
        c,
        ports.space(),
        repoId,
        request.worktree(),
        request.service(),
        request.containerPort(),
        request.protocol(),
        port,
        now);
    return new PortAllocation(
        repo.root().toString(),
        request.worktree(),
        request.service(),
        request.containerPort(),
        request.protocol(),
        port,
        now);
  }

  /** Where the search for a service's port starts: config base, compose's port, range start. */
  private static int base(Repo repo, String service, int preferred) {
    PortRange range = repo.config().docker().range();
    Map<String, Integer> bases = repo.config().docker().portBases();
    int base = bases.getOrDefault(service, preferred > 0 ? preferred : range.first());
    return range.contains(base) ? base : range.first();
  }

  /**
   * The lowest port at or above base that the registry does not hold and no other program uses.
   * Each step is an index lookup in UNIQUE (engine_host, protocol, host_port): the first gap.
   */
  private int freePort(
      Connection c, Repo repo, int base, String service, Protocol protocol, Set<Integer> reserved)
      throws SQLException {
    PortRange range = repo.config().docker().range();
    int from = base;
    while (from <= range.last()) {
      int candidate = PortStore.firstUnheld(c, ports.space(), protocol, from, range.last());
      if (candidate < 0) {
        break;
      }
      if (!reserved.contains(candidate) && !ports.inUse(candidate, protocol)) {
        return candidate;
      }
      from = candidate + 1;
    }
    if (base > range.first()) {
      return freePort(c, repo, range.first(), service, protocol, reserved);
    }
    throw new HnException(
        "No free "
            + protocol.id()
            + " port left for service '"
            + service
            + "' in range "
            + range
            + "; widen docker.ports.range in .hannahanna.yml or free ports with 'hn ports release'.");
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
