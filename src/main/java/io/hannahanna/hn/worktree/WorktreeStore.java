package io.hannahanna.hn.worktree;

import io.hannahanna.hn.state.Database;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the `repositories` and `worktrees` tables. */
@Singleton
public class WorktreeStore {
  private final Database database;

  public WorktreeStore(Database database) {
    this.database = database;
  }

  /** The id of a repository's row, created on first use. */
  public static long repositoryId(Connection c, Repo repo) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO repositories (root_path, name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, repo.root().toString());
      insert.setString(2, repo.name());
      insert.executeUpdate();
    }
    try (PreparedStatement select =
        c.prepareStatement("SELECT id FROM repositories WHERE root_path = ?")) {
      select.setString(1, repo.root().toString());
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public void insert(Repo repo, WorktreeRecord record) {
    database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO worktrees (repository_id, name, path, parent, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, repositoryId(c, repo));
            s.setString(2, record.name());
            s.setString(3, record.path().toString());
            s.setString(4, record.parent());
            s.setString(5, record.createdAt().toString());
            return s.executeUpdate();
          }
        });
  }

  public List<WorktreeRecord> all(Repo repo) {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT name, path, parent, created_at FROM worktrees"
                      + " WHERE repository_id = ? ORDER BY name")) {
            s.setLong(1, repositoryId(c, repo));
            List<WorktreeRecord> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new WorktreeRecord(
                        rs.getString(1),
                        Path.of(rs.getString(2)),
                        rs.getString(3),
                        Instant.parse(rs.getString(4))));
              }
            }
            return result;
          }
        });
  }

  /** Deletes a worktree's row; its children are handed to its own parent. */
  public void delete(Repo repo, String name, String parent) {
    database.transaction(
        c -> {
          long id = repositoryId(c, repo);
          try (PreparedStatement reparent =
                  c.prepareStatement(
                      "UPDATE worktrees SET parent = ? WHERE repository_id = ? AND parent = ?");
              PreparedStatement delete =
                  c.prepareStatement(
                      "DELETE FROM worktrees WHERE repository_id = ? AND name = ?")) {
            reparent.setString(1, parent);
            reparent.setLong(2, id);
            reparent.setString(3, name);
            reparent.executeUpdate();
            delete.setLong(1, id);
            delete.setString(2, name);
            return delete.executeUpdate();
          }
        });
  }
}
