package io.hannahanna.hn.ports;

import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.state.RepositoryRows;
import io.hannahanna.hn.state.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The SQL of network_allocations, inside the caller's transaction; the policy is SubnetPool's. */
final class SubnetStore {
  private static final String SELECT =
      "SELECT r.root_path, n.worktree, n.network, n.base_subnet, n.subnet, n.allocated_at"
          + " FROM network_allocations n JOIN repositories r ON r.id = n.repository_id";

  private SubnetStore() {}

  /** The repository's subnets, by worktree and network. */
  static List<SubnetAllocation> all(Connection c, Repo repo) throws SQLException {
    return Sql.query(
        c,
        SELECT
            + " WHERE r.id = "
            + RepositoryRows.THIS_REPOSITORY
            + " ORDER BY n.worktree, n.network, n.base_subnet",
        SubnetStore::row,
        repo.uid(),
        repo.root().toString());
  }

  static List<SubnetAllocation> held(Connection c, long repoId, String worktree)
      throws SQLException {
    return Sql.query(
        c,
        SELECT + " WHERE n.repository_id = ? AND n.worktree = ? ORDER BY n.id",
        SubnetStore::row,
        repoId,
        worktree);
  }

  /** Every subnet the file holds, for every repository. */
  static List<Subnet> everySubnet(Connection c) throws SQLException {
    return Sql.query(
        c, "SELECT subnet FROM network_allocations", rs -> Subnet.parse(rs.getString(1)));
  }

  static void insert(Connection c, long repoId, SubnetAllocation a) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO network_allocations (repository_id, worktree, network, base_subnet, subnet,"
            + " allocated_at) VALUES (?, ?, ?, ?, ?, ?)",
        repoId,
        a.worktree(),
        a.network(),
        a.base().toString(),
        a.subnet().toString(),
        a.allocatedAt().toString());
  }

  static void delete(Connection c, long repoId, SubnetAllocation a) throws SQLException {
    Sql.update(
        c,
        "DELETE FROM network_allocations WHERE repository_id = ? AND worktree = ? AND network = ?"
            + " AND base_subnet = ?",
        repoId,
        a.worktree(),
        a.network(),
        a.base().toString());
  }

  static void deleteWorktree(Connection c, long repoId, String worktree) throws SQLException {
    Sql.update(
        c,
        "DELETE FROM network_allocations WHERE repository_id = ? AND worktree = ?",
        repoId,
        worktree);
  }

  private static SubnetAllocation row(ResultSet rs) throws SQLException {
    return new SubnetAllocation(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Subnet.parse(rs.getString(4)),
        Subnet.parse(rs.getString(5)),
        Instant.parse(rs.getString(6)));
  }
}
