package io.hannahanna.hn.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The SQL of the `repositories` table: every other row names its repository by this id. */
public final class RepositoryRows {
  private RepositoryRows() {}

  /** The id of a repository's row if it has one; reading never creates it. */
  public static java.util.OptionalLong find(Connection c, Path root) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT id FROM repositories WHERE root_path = ?")) {
      select.setString(1, root.toString());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? java.util.OptionalLong.of(rs.getLong(1))
            : java.util.OptionalLong.empty();
      }
    }
  }

  /** The id of a repository's row, created on first use. */
  public static long id(Connection c, Path root, String name) throws SQLException {
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
