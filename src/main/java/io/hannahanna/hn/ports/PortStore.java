package io.hannahanna.hn.ports;

import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.state.RepositoryRows;
import io.hannahanna.hn.state.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQL of the port registry, on a connection inside the caller's transaction: rows of
 * port_allocations read as {@link PortAllocation}s, written one statement each. The policy (which
 * port to give) stays in {@link PortRegistry}.
 */
final class PortStore {
  private static final String COLUMNS =
      "r.root_path, a.worktree, a.service, a.container_port, a.protocol, a.host_port,"
          + " a.allocated_at FROM port_allocations a JOIN repositories r ON r.id = a.repository_id";

  /** Ports are searched in blocks of this many; `port_blocks` counts the held ones per block. */
  private static final int BLOCK = 64;

  private PortStore() {}

  /** The repository's allocations, by worktree, service and port. */
  static List<PortAllocation> all(Connection c, Repo repo) throws SQLException {
    return query(
        c,
        "SELECT "
            + COLUMNS
            + " WHERE r.id = "
            + RepositoryRows.THIS_REPOSITORY
            + " ORDER BY a.worktree, a.service, a.host_port",
        repo.uid(),
        repo.root().toString());
  }

  /** A worktree's allocations, by service and port. */
  static List<PortAllocation> held(Connection c, Repo repo, String worktree) throws SQLException {
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

  /**
   * What a request already holds: its own container port first, else a port imported without a
   * container port (0).
   */
  static List<PortAllocation> heldFor(Connection c, long repoId, PortRequest request)
      throws SQLException {
    return query(
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
  }

  static void insert(
      Connection c,
      String space,
      long repoId,
      String worktree,
      String service,
      int containerPort,
      Protocol protocol,
      int hostPort,
      Instant at)
      throws SQLException {
    update(
        c,
        "INSERT INTO port_allocations (engine_host, repository_id, worktree, service,"
            + " container_port, protocol, host_port, allocated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        space,
        repoId,
        worktree,
        service,
        containerPort,
        protocol.id(),
        hostPort,
        at.toString());
  }

  static void setContainerPort(
      Connection c, String space, Protocol protocol, int hostPort, int containerPort)
      throws SQLException {
    update(
        c,
        "UPDATE port_allocations SET container_port = ?"
            + " WHERE engine_host = ? AND protocol = ? AND host_port = ?",
        containerPort,
        space,
        protocol.id(),
        hostPort);
  }

  static void move(Connection c, String space, Protocol protocol, int from, int to, Instant at)
      throws SQLException {
    update(
        c,
        "UPDATE port_allocations SET host_port = ?, allocated_at = ?"
            + " WHERE engine_host = ? AND protocol = ? AND host_port = ?",
        to,
        at.toString(),
        space,
        protocol.id(),
        from);
  }

  static void deleteWorktree(Connection c, long repoId, String worktree) throws SQLException {
    update(
        c,
        "DELETE FROM port_allocations WHERE repository_id = ? AND worktree = ?",
        repoId,
        worktree);
  }

  /** The TCP ports in [first, last] that any repository holds on one host. */
  static Set<Integer> heldTcpBetween(Connection c, String space, int first, int last)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT host_port FROM port_allocations WHERE engine_host = ? AND protocol = 'tcp'"
                + " AND host_port BETWEEN ? AND ?")) {
      s.setString(1, space);
      s.setInt(2, first);
      s.setInt(3, last);
      Set<Integer> held = new HashSet<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          held.add(rs.getInt(1));
        }
      }
      return held;
    }
  }

  /**
   * The first port in [from, last] that no row of the host holds, or -1. It looks inside at most
   * two blocks of 64 ports and skips the full blocks between them through `port_blocks`.
   */
  static int firstUnheld(Connection c, String space, Protocol protocol, int from, int last)
      throws SQLException {
    int port = from;
    while (port <= last) {
      int blockEnd = Math.min(last, port / BLOCK * BLOCK + BLOCK - 1);
      int free = firstUnheldInSpan(c, space, protocol, port, blockEnd);
      if (free >= 0) {
        return free;
      }
      port = nextNonFullBlock(c, space, protocol, port / BLOCK + 1) * BLOCK;
    }
    return -1;
  }

  private static int firstUnheldInSpan(
      Connection c, String space, Protocol protocol, int from, int to) throws SQLException {
    try (PreparedStatement probe =
        c.prepareStatement(
            "SELECT 1 FROM port_allocations WHERE engine_host = ? AND protocol = ?"
                + " AND host_port = ?")) {
      probe.setString(1, space);
      probe.setString(2, protocol.id());
      probe.setInt(3, from);
      try (ResultSet rs = probe.executeQuery()) {
        if (!rs.next()) {
          return from;
        }
      }
    }
    try (PreparedStatement gap =
        c.prepareStatement(
            "SELECT a.host_port + 1 FROM port_allocations a WHERE a.engine_host = ?4"
                + " AND a.protocol = ?1 AND a.host_port >= ?2 AND a.host_port < ?3 AND NOT EXISTS"
                + " (SELECT 1 FROM port_allocations b WHERE b.engine_host = ?4"
                + " AND b.protocol = ?1 AND b.host_port = a.host_port + 1)"
                + " ORDER BY a.host_port LIMIT 1")) {
      gap.setString(1, protocol.id());
      gap.setInt(2, from);
      gap.setInt(3, to);
      gap.setString(4, space);
      try (ResultSet rs = gap.executeQuery()) {
        return rs.next() ? rs.getInt(1) : -1;
      }
    }
  }

  /** The first block at or after the given one that has a free port. */
  private static int nextNonFullBlock(Connection c, String space, Protocol protocol, int block)
      throws SQLException {
    try (PreparedStatement next =
        c.prepareStatement(
            "SELECT ?2 WHERE NOT EXISTS (SELECT 1 FROM port_blocks WHERE engine_host = ?4"
                + " AND protocol = ?1 AND block = ?2 AND used >= ?3) UNION ALL SELECT * FROM"
                + " (SELECT a.block + 1 FROM port_blocks a WHERE a.engine_host = ?4"
                + " AND a.protocol = ?1 AND a.block >= ?2 AND a.used >= ?3 AND NOT EXISTS"
                + " (SELECT 1 FROM port_blocks b WHERE b.engine_host = ?4 AND b.protocol = ?1"
                + " AND b.block = a.block + 1 AND b.used >= ?3) ORDER BY a.block LIMIT 1) LIMIT 1")) {
      next.setString(1, protocol.id());
      next.setInt(2, block);
      next.setInt(3, BLOCK);
      next.setString(4, space);
      try (ResultSet rs = next.executeQuery()) {
        return rs.next() ? rs.getInt(1) : Integer.MAX_VALUE / BLOCK;
      }
    }
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    Sql.update(c, sql, params);
  }

  private static List<PortAllocation> query(Connection c, String sql, Object... params)
      throws SQLException {
    return Sql.query(c, sql, PortStore::row, params);
  }

  private static PortAllocation row(ResultSet rs) throws SQLException {
    return new PortAllocation(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        Protocol.parse(rs.getString(5)),
        rs.getInt(6),
        Instant.parse(rs.getString(7)));
  }
}
