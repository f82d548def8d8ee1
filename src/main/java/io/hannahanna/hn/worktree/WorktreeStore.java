package io.hannahanna.hn.worktree;

import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RepositoryRows;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

  public void insert(Repo repo, WorktreeRecord record) {
    database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO worktrees (repository_id, name, path, parent, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, RepositoryRows.id(c, repo.root(), repo.name()));
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
            s.setLong(1, RepositoryRows.id(c, repo.root(), repo.name()));
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
          long id = RepositoryRows.id(c, repo.root(), repo.name());
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
