package io.hannahanna.hn.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The SQL of the `repositories` table: every other row names its repository by this id. */
public final class RepositoryRows {
  private RepositoryRows() {}

  /**
   * SQL for the id of this repository's row, by its id (bound first) or, for rows from before
   * repositories had ids, by its path (bound second).
   */
  public static final String THIS_REPOSITORY =
      "(SELECT id FROM repositories WHERE uid = ?"
          + " UNION ALL SELECT id FROM repositories WHERE root_path = ? LIMIT 1)";

  /**
   * The id of a repository's row, created on first use. The row is found by the repository's uid,
   * so it follows a moved folder (its path is brought up to date); a row from before uids is found
   * by path and takes the uid.
   */
  public static long id(Connection c, Path root, String name, String uid) throws SQLException {
    if (uid != null) {
      try (PreparedStatement byUid =
          c.prepareStatement("SELECT id, root_path FROM repositories WHERE uid = ?")) {
        byUid.setString(1, uid);
        try (ResultSet rs = byUid.executeQuery()) {
          if (rs.next()) {
            long id = rs.getLong(1);
            if (!rs.getString(2).equals(root.toString())) {
              moved(c, id, root, name);
            }
            return id;
          }
        }
      }
    }
    long id = id(c, root, name);
    if (uid != null) {
      try (PreparedStatement adopt =
          c.prepareStatement("UPDATE repositories SET uid = ? WHERE id = ? AND uid IS NULL")) {
        adopt.setString(1, uid);
        adopt.setLong(2, id);
        adopt.executeUpdate();
      }
    }
    return id;
  }

  /** The repository's folder moved: its row takes the new path (and an older row there goes). */
  private static void moved(Connection c, long id, Path root, String name) throws SQLException {
    try (PreparedStatement stale =
            c.prepareStatement("DELETE FROM repositories WHERE root_path = ? AND id <> ?");
        PreparedStatement update =
            c.prepareStatement("UPDATE repositories SET root_path = ?, name = ? WHERE id = ?")) {
      stale.setString(1, root.toString());
      stale.setLong(2, id);
      stale.executeUpdate();
      update.setString(1, root.toString());
      update.setString(2, name);
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  /** The id of a repository's row, created on first use. */
  private static long id(Connection c, Path root, String name) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO repositories (root_path, name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, root.toString());
      insert.setString(2, name);
      insert.executeUpdate();
    }
    try (PreparedStatement select =
        c.prepareStatement("SELECT id FROM repositories WHERE root_path = ?")) {
      select.setString(1, root.toString());
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
