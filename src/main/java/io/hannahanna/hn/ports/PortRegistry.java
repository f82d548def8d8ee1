package io.hannahanna.hn.ports;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig.PortRange;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RepositoryRows;
import io.hannahanna.hn.worktree.Repo;
import io.hannahanna.hn.worktree.Workspace;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The port registry: which host port each published port of each worktree holds. Every change is
 * one transaction, and the schema's UNIQUE (protocol, host_port) makes two holders impossible.
 */
@Singleton
public class PortRegistry {
  private static final String COLUMNS =
      "r.root_path, a.worktree, a.service, a.container_port, a.protocol, a.host_port,"
          + " a.allocated_at FROM port_allocations a JOIN repositories r ON r.id = a.repository_id";

  private final Database database;
  private final Workspace workspace;
  private final SystemPorts systemPorts;
  private final LegacyRegistryImport legacyImport;

  public PortRegistry(
      Database database,
      Workspace workspace,
      SystemPorts systemPorts,
      LegacyRegistryImport legacyImport) {
    this.database = database;
    this.workspace = workspace;
    this.systemPorts = systemPorts;
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
        c -> {
          long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
          List<PortAllocation> result = new ArrayList<>();
          for (PortRequest request : requests) {
            result.add(allocateOne(c, id, repo, request, reserved));
          }
          return result;
        });
  }

  /** This repository's allocations, by worktree, service and port. */
  public List<PortAllocation> list() {
    Repo repo = repo();
    return database.read(
        c ->
            query(
                c,
                "SELECT "
                    + COLUMNS
                    + " WHERE r.id = "
                    + RepositoryRows.THIS_REPOSITORY
                    + " ORDER BY a.worktree, a.service, a.host_port",
                repo.uid(),
                repo.root().toString()));
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
          List<PortAllocation> held = held(c, repo, worktree);
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM port_allocations WHERE repository_id = ? AND worktree = ?")) {
            delete.setLong(1, id);
            delete.setString(2, worktree);
            delete.executeUpdate();
          }
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
          for (PortAllocation old : held(c, repo, worktree)) {
            if (service != null && !old.service().equals(service)) {
              continue;
            }
            // The old port is still held while the new one is searched, so it is never chosen.
            int port =
                freePort(
                    c, repo, base(repo, old.service(), 0), old.service(), old.protocol(), Set.of());
            try (PreparedStatement update =
                c.prepareStatement(
                    "UPDATE port_allocations SET host_port = ?, allocated_at = ?"
                        + " WHERE protocol = ? AND host_port = ?")) {
              Instant now = now();
              update.setInt(1, port);
              update.setString(2, now.toString());
              update.setString(3, old.protocol().id());
              update.setInt(4, old.hostPort());
              update.executeUpdate();
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

  public PortStats stats() {
    PortRange range = range();
    List<PortAllocation> mine = list();
    int held =
        database.read(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT count(*) FROM port_allocations WHERE protocol = 'tcp'"
                          + " AND host_port BETWEEN ? AND ?")) {
                s.setInt(1, range.first());
                s.setInt(2, range.last());
                try (ResultSet rs = s.executeQuery()) {
                  return rs.getInt(1);
                }
              }
            });
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
        range.size() - held,
        mine.stream().map(PortAllocation::hostPort).max(Integer::compare).orElse(null),
        common);
  }

  /** Whether another program now uses a port the registry gave out. */
  public boolean takenByOthers(PortAllocation allocation) {
    return systemPorts.inUse(allocation.hostPort(), allocation.protocol());
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
    List<PortAllocation> existing =
        query(
            c,
            "SELECT "
                + COLUMNS
                + " WHERE a.repository_id = ? AND a.worktree = ? AND a.service = ? AND a.protocol = ?"
                + " AND a.container_port IN (?, 0) ORDER BY a.container_port DESC",
            repoId,
            request.worktree(),
            request.service(),
            request.protocol().id(),
            request.containerPort());
    if (!existing.isEmpty()) {
      PortAllocation held = existing.get(0);
      if (held.containerPort() == request.containerPort()) {
        return held;
      }
      // A port imported without its container port: it now learns it.
      try (PreparedStatement adopt =
          c.prepareStatement(
              "UPDATE port_allocations SET container_port = ? WHERE protocol = ? AND host_port = ?")) {
        adopt.setInt(1, request.containerPort());
        adopt.setString(2, request.protocol().id());
        adopt.setInt(3, held.hostPort());
        adopt.executeUpdate();
      }
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
    insert(
        c,
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

  static void insert(
      Connection c,
      long repoId,
      String worktree,
      String service,
      int containerPort,
      Protocol protocol,
      int hostPort,
      Instant at)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO port_allocations (repository_id, worktree, service, container_port,"
                + " protocol, host_port, allocated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, repoId);
      insert.setString(2, worktree);
      insert.setString(3, service);
      insert.setInt(4, containerPort);
      insert.setString(5, protocol.id());
      insert.setInt(6, hostPort);
      insert.setString(7, at.toString());
      insert.executeUpdate();
    }
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
   * Each step is an index lookup in UNIQUE (protocol, host_port): the first gap after base.
   */
  private int freePort(
      Connection c, Repo repo, int base, String service, Protocol protocol, Set<Integer> reserved)
      throws SQLException {
    PortRange range = repo.config().docker().range();
    int from = base;
    while (from <= range.last()) {
      int candidate = firstUnheld(c, protocol, from, range.last());
      if (candidate < 0) {
        break;
      }
      if (!reserved.contains(candidate) && !systemPorts.inUse(candidate, protocol)) {
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

  /**
   * The first port in [from, last] that no row holds, or -1. It looks inside at most two blocks of
   * 64 ports and skips the full blocks between them through `port_blocks`.
   */
  private static int firstUnheld(Connection c, Protocol protocol, int from, int last)
      throws SQLException {
    int port = from;
    while (port <= last) {
      int blockEnd = Math.min(last, port / BLOCK * BLOCK + BLOCK - 1);
      int free = firstUnheldInSpan(c, protocol, port, blockEnd);
      if (free >= 0) {
        return free;
      }
      port = nextNonFullBlock(c, protocol, port / BLOCK + 1) * BLOCK;
    }
    return -1;
  }

  private static final int BLOCK = 64;

  private static int firstUnheldInSpan(Connection c, Protocol protocol, int from, int to)
      throws SQLException {
    try (PreparedStatement probe =
        c.prepareStatement("SELECT 1 FROM port_allocations WHERE protocol = ? AND host_port = ?")) {
      probe.setString(1, protocol.id());
      probe.setInt(2, from);
      try (ResultSet rs = probe.executeQuery()) {
        if (!rs.next()) {
          return from;
        }
      }
    }
    try (PreparedStatement gap =
        c.prepareStatement(
            "SELECT a.host_port + 1 FROM port_allocations a WHERE a.protocol = ?1"
                + " AND a.host_port >= ?2 AND a.host_port < ?3 AND NOT EXISTS (SELECT 1 FROM"
                + " port_allocations b WHERE b.protocol = ?1 AND b.host_port = a.host_port + 1)"
                + " ORDER BY a.host_port LIMIT 1")) {
      gap.setString(1, protocol.id());
      gap.setInt(2, from);
      gap.setInt(3, to);
      try (ResultSet rs = gap.executeQuery()) {
        return rs.next() ? rs.getInt(1) : -1;
      }
    }
  }

  /** The first block at or after the given one that has a free port. */
  private static int nextNonFullBlock(Connection c, Protocol protocol, int block)
      throws SQLException {
    try (PreparedStatement next =
        c.prepareStatement(
            "SELECT ?2 WHERE NOT EXISTS (SELECT 1 FROM port_blocks WHERE protocol = ?1 AND block"
                + " = ?2 AND used >= ?3) UNION ALL SELECT * FROM (SELECT a.block + 1 FROM"
                + " port_blocks a WHERE a.protocol = ?1 AND a.block >= ?2 AND a.used >= ?3 AND NOT"
                + " EXISTS (SELECT 1 FROM port_blocks b WHERE b.protocol = ?1 AND b.block ="
                + " a.block + 1 AND b.used >= ?3) ORDER BY a.block LIMIT 1) LIMIT 1")) {
      next.setString(1, protocol.id());
      next.setInt(2, block);
      next.setInt(3, BLOCK);
      try (ResultSet rs = next.executeQuery()) {
        return rs.next() ? rs.getInt(1) : Integer.MAX_VALUE / BLOCK;
      }
    }
  }

  private static List<PortAllocation> held(Connection c, Repo repo, String worktree)
      throws SQLException {
    return query(
        c,
        "SELECT "
            + COLUMNS
            + " WHERE r.id = "
            + RepositoryRows.THIS_REPOSITORY
            + " AND a.worktree = ? ORDER BY a.service, a.host_port",
        repo.uid(),
        repo.root().toString(),
        worktree);
  }

  private static List<PortAllocation> query(Connection c, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<PortAllocation> result = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(
              new PortAllocation(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  Protocol.parse(rs.getString(5)),
                  rs.getInt(6),
                  Instant.parse(rs.getString(7))));
        }
      }
      return result;
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
