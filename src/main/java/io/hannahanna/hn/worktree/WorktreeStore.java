package io.hannahanna.hn.worktree;

import io.hannahanna.hn.repo.Repo;
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

  /**
   * Records, before anything is created, that this process is creating the worktree. Returns false
   * when the repository already has a row of that name (another hn is creating it, say).
   */
  public boolean insertCreating(
      Repo repo, WorktreeRecord record, String createdBranch, String branchCreatedAt) {
    return recordIntent(
            repo, record, "creating", createdBranch, branchCreatedAt, null, "DO NOTHING")
        == 1;
  }

  /** The creation is complete: the row is an ordinary worktree from now on. */
  public void markReady(Repo repo, String name) {
    update(
        repo,
        "UPDATE worktrees SET state = 'ready', owner_pid = NULL, owner_started = NULL"
            + " WHERE repository_id = ? AND name = ?",
        name);
  }

  /**
   * Records that this process is removing the worktree (a worktree hn did not create gets a row for
   * the time of its removal).
   */
  public void markRemoving(
      Repo repo, WorktreeRecord record, WorktreeCleanup.BranchDeletion deletion) {
    recordIntent(
        repo,
        record,
        "removing",
        null,
        null,
        deletion,
        "DO UPDATE SET state = 'removing', owner_pid = excluded.owner_pid,"
            + " owner_started = excluded.owner_started, delete_branch = excluded.delete_branch,"
            + " delete_branch_force = excluded.delete_branch_force");
  }

  /** A row saying what this process is doing to the worktree; onConflict: SQLite's clause. */
  private int recordIntent(
      Repo repo,
      WorktreeRecord record,
      String state,
      String createdBranch,
      String branchCreatedAt,
      WorktreeCleanup.BranchDeletion deletion,
      String onConflict) {
    ProcessIdentity me = ProcessIdentity.current();
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO worktrees (repository_id, name, path, parent, created_at, state,"
                      + " owner_pid, owner_started, created_branch_at, created_branch,"
                      + " delete_branch, delete_branch_force)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (repository_id, name) "
                      + onConflict)) {
            s.setLong(1, RepositoryRows.id(c, repo.root(), repo.name(), repo.uid()));
            s.setString(2, record.name());
            s.setString(3, record.path().toString());
            s.setString(4, record.parent());
            s.setString(5, record.createdAt().toString());
            s.setString(6, state);
            s.setLong(7, me.pid());
            s.setString(8, me.started());
            s.setString(9, branchCreatedAt);
            s.setString(10, createdBranch);
            s.setString(11, deletion == null ? null : deletion.branch());
            s.setInt(12, deletion != null && deletion.force() ? 1 : 0);
            return s.executeUpdate();
          }
        });
  }

  /** Rows an `hn add` or `hn remove` has not finished, whoever owns them. */
  public List<UnfinishedWork> unfinished(Repo repo) {
    return database.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT w.name, w.path, w.parent, w.state, w.owner_pid, w.owner_started,"
                      + " w.created_branch_at, coalesce(w.created_branch, w.name), w.delete_branch,"
                      + " w.delete_branch_force FROM worktrees w"
                      + " WHERE w.repository_id = "
                      + RepositoryRows.THIS_REPOSITORY
                      + " AND w.state <> 'ready' ORDER BY w.name")) {
            s.setString(1, repo.uid());
            s.setString(2, repo.root().toString());
            List<UnfinishedWork> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new UnfinishedWork(
                        rs.getString(1),
                        Path.of(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4).equals("removing"),
                        new ProcessIdentity(
                            rs.getLong(5), rs.getString(6) == null ? "" : rs.getString(6)),
                        rs.getString(8),
                        rs.getString(7),
                        rs.getString(9) == null
                            ? null
                            : new WorktreeCleanup.BranchDeletion(
                                rs.getString(9), rs.getInt(10) == 1)));
              }
            }
            return result;
          }
        });
  }

  /**
   * Takes over a dead process's unfinished row; false when another hn took it first (or its owner
   * finished after all).
   */
  public boolean claim(Repo repo, UnfinishedWork work) {
    ProcessIdentity me = ProcessIdentity.current();
    return database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE worktrees SET owner_pid = ?, owner_started = ? WHERE repository_id = ?"
                      + " AND name = ? AND state <> 'ready' AND owner_pid IS ?"
                      + " AND coalesce(owner_started, '') = ?")) {
            s.setLong(1, me.pid());
            s.setString(2, me.started());
            s.setLong(3, RepositoryRows.id(c, repo.root(), repo.name(), repo.uid()));
            s.setString(4, work.name());
            s.setLong(5, work.owner().pid());
            s.setString(6, work.owner().started());
            return s.executeUpdate() == 1;
          }
        });
  }

  private void update(Repo repo, String sql, String name) {
    database.transaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, RepositoryRows.id(c, repo.root(), repo.name(), repo.uid()));
            s.setString(2, name);
            return s.executeUpdate();
          }
        });
  }

  public List<WorktreeRecord> all(Repo repo) {
    return database.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT w.name, w.path, w.parent, w.created_at FROM worktrees w"
                      + " WHERE w.repository_id = "
                      + RepositoryRows.THIS_REPOSITORY
                      + " ORDER BY w.name")) {
            s.setString(1, repo.uid());
            s.setString(2, repo.root().toString());
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

  /** Pins a worktree's stack to a docker context (hn add --context). */
  public void setDockerContext(Repo repo, String name, String context) {
    database.transaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE worktrees SET docker_context = ? WHERE repository_id = ? AND name = ?")) {
            s.setString(1, context);
            s.setLong(2, RepositoryRows.id(c, repo.root(), repo.name(), repo.uid()));
            s.setString(3, name);
            return s.executeUpdate();
          }
        });
  }

  /** The docker context of each worktree pinned to one, by worktree name. */
  public java.util.Map<String, String> dockerContexts(Repo repo) {
    return database.read(
        c -> {
          java.util.Map<String, String> contexts = new java.util.HashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT w.name, w.docker_context FROM worktrees w WHERE w.repository_id = "
                      + RepositoryRows.THIS_REPOSITORY
                      + " AND w.docker_context IS NOT NULL")) {
            s.setString(1, repo.uid());
            s.setString(2, repo.root().toString());
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                contexts.put(rs.getString(1), rs.getString(2));
              }
            }
          }
          return contexts;
        });
  }

  /** Deletes a worktree's row; its children are handed to its own parent. */
  public void delete(Repo repo, String name, String parent) {
    database.transaction(
        c -> {
          long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
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
