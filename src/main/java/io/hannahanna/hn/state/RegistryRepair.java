package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** `hn registry repair`: a damaged registry kept as a backup, and every readable row saved. */
@Singleton
public class RegistryRepair {
  private final Database database;

  public RegistryRepair(Database database) {
    this.database = database;
  }

  /** What `hn registry repair` did: per table, what it kept and what it lost. */
  public record Repair(Path file, Path backup, List<String> salvaged) {}

  /** Tables copied by {@link #repair()}, parents first; their columns come from the files. */
  private static final List<String> TABLES =
      List.of(
          "repositories", "worktrees", "port_allocations", "network_allocations", "worktree_tags");

  /**
   * Moves a SqliteFiles.damaged database aside (it is kept as a backup), creates a new one and
   * copies over every row SQLite can still read: table by table, and where a table cannot be read
   * whole, by ranges of rowids down to single rows. A SqliteFiles.healthy database is left alone
   * (the result's backup is null); a file that is not an hn database is refused untouched.
   */
  public Repair repair() {
    Path path = database.file();
    if (!Files.exists(path)) {
      return new Repair(path, null, List.of());
    }
    refuseForeign(path);
    if (SqliteFiles.healthy(path)) {
      return new Repair(path, null, List.of());
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path backup = path.resolveSibling(path.getFileName() + ".broken-" + stamp);
    try {
      Files.move(path, backup);
      for (String suffix : List.of("-wal", "-shm")) {
        Path side = path.resolveSibling(path.getFileName() + suffix);
        if (Files.exists(side)) {
          Files.move(side, backup.resolveSibling(backup.getFileName() + suffix));
        }
      }
    } catch (IOException e) {
      throw new HnException("Cannot move " + path + " aside: " + e.getMessage() + ".", e);
    }
    database.recreate(path);
    List<String> salvaged = new ArrayList<>();
    try (Connection c = SqliteFiles.connect(path);
        Statement s = c.createStatement()) {
      try {
        s.execute("ATTACH DATABASE '" + backup.toString().replace("'", "''") + "' AS old");
      } catch (SQLException e) {
        TABLES.forEach(
            t ->
                salvaged.add(
                    t + ": its schema cannot be read (" + e.getMessage() + "); 0 rows kept"));
        return new Repair(path, backup, salvaged);
      }
      for (String table : TABLES) {
        salvaged.add(RowSalvage.copy(c, table));
      }
    } catch (SQLException e) {
      throw SqliteFiles.translate(e, path);
    }
    return new Repair(path, backup, salvaged);
  }

  /** Refuses a file that is not SQLite or has none of hn's tables: repair would ruin it. */
  private static void refuseForeign(Path path) {
    if (!SqliteFiles.isSqlite(path)) {
      throw new HnException(
          path + " is not an SQLite database, so it is not hn's registry; hn leaves it as it is.");
    }
    if (!SqliteFiles.hasHnSchema(path)) {
      throw new HnException(
          path
              + " is an SQLite database without hn's tables, so it is not hn's registry; hn"
              + " leaves it as it is.");
    }
  }
}
