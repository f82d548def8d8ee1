package io.hannahanna.hn.state;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The registry's repositories as a whole: which it holds rows for, and forgetting one. */
@Singleton
public class RepositoryStore {
  private final Database database;

  public RepositoryStore(Database database) {
    this.database = database;
  }

  /** A repository the registry holds rows for. */
  public record Held(String rootPath, int worktrees, int ports) {}

  public List<Held> all() {
    return database.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT r.root_path,"
                          + " (SELECT count(*) FROM worktrees w WHERE w.repository_id = r.id),"
                          + " (SELECT count(*) FROM port_allocations a WHERE a.repository_id = r.id)"
                          + " FROM repositories r ORDER BY r.root_path")) {
            List<Held> held = new ArrayList<>();
            while (rs.next()) {
              held.add(new Held(rs.getString(1), rs.getInt(2), rs.getInt(3)));
            }
            return held;
          }
        });
  }

  /** Deletes a repository's rows (its worktrees and ports go with it); false if there were none. */
  public boolean forget(String rootPath) {
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM repositories WHERE root_path = ?")) {
            s.setString(1, rootPath);
            return s.executeUpdate() > 0;
          }
        });
  }
}
