package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RepositoryRows;
import io.hannahanna.hn.state.Sql;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The SQL of `worktree_tags`: tags on the worktrees hn has a row for. */
@Singleton
public class TagStore {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Database database;

  public TagStore(Database database) {
    this.database = database;
  }

  /** A tag from the user: what it may look like is checked where it comes in. */
  public static String validate(String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw new HnException(
          "'"
              + tag
              + "' is not a tag; use letters, digits, '.', '_' and '-' (up to 64, not starting"
              + " with a sign).");
    }
    return tag;
  }

  /** Adds tags to a worktree (ones it has already are kept once). */
  public void tag(Repo repo, String worktree, List<String> tags) {
    List<String> valid = tags.stream().map(TagStore::validate).toList();
    database.transaction(
        c -> {
          long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
          if (Sql.query(
                  c,
                  "SELECT 1 FROM worktrees WHERE repository_id = ? AND name = ?",
                  rs -> 1,
                  id,
                  worktree)
              .isEmpty()) {
            throw new HnException(
                "'"
                    + worktree
                    + "' has no row in hn's registry (hn did not create it), so it cannot carry"
                    + " tags.");
          }
          for (String tag : valid) {
            Sql.update(
                c,
                "INSERT INTO worktree_tags (repository_id, worktree, tag) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING",
                id,
                worktree,
                tag);
          }
          return null;
        });
  }

  /** Removes tags from a worktree; returns how many it had. */
  public int untag(Repo repo, String worktree, List<String> tags) {
    List<String> valid = tags.stream().map(TagStore::validate).toList();
    return database.transaction(
        c -> {
          long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
          int removed = 0;
          for (String tag : valid) {
            removed +=
                Sql.update(
                    c,
                    "DELETE FROM worktree_tags WHERE repository_id = ? AND worktree = ? AND tag = ?",
                    id,
                    worktree,
                    tag);
          }
          return removed;
        });
  }

  /** Each worktree's tags, sorted; worktrees without tags are absent. */
  public Map<String, List<String>> all(Repo repo) {
    List<String[]> rows =
        database.read(
            c ->
                Sql.query(
                    c,
                    "SELECT worktree, tag FROM worktree_tags WHERE repository_id = "
                        + RepositoryRows.THIS_REPOSITORY
                        + " ORDER BY worktree, tag",
                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                    repo.uid(),
                    repo.root().toString()));
    Map<String, List<String>> tags = new TreeMap<>();
    rows.forEach(r -> tags.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
    return tags;
  }
}
