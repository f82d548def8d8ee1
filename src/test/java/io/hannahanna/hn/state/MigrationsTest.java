package io.hannahanna.hn.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path tmp;

  @Test
  void schemaVersionConstantMatchesTheNewestMigration() throws Exception {
    Pattern versioned = Pattern.compile("V(\\d+)__.+\\.sql");
    int newest;
    try (Stream<Path> files = Files.list(Path.of("migrations"))) {
      newest =
          files
              .map(p -> versioned.matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElse(0);
    }
    assertEquals(newest, Migrations.SCHEMA_VERSION);
  }

  /**
   * Version 9 rebuilds port_allocations for a port space per engine host: every row is kept as this
   * machine's, the block counts follow, and a port may now be held once on each host.
   */
  @Test
  void portRowsSurviveTheMoveToAPortSpacePerEngineHost() throws Exception {
    Path db = tmp.resolve("hn.db");
    org.flywaydb.core.Flyway.configure()
        .dataSource(SqliteFiles.dataSource(db))
        .locations("classpath:db/migration")
        .target("8")
        .load()
        .migrate();
    try (Connection c = SqliteFiles.dataSource(db).getConnection();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO repositories (id, root_path, name) VALUES (1, '/src/shop', 'shop')");
      s.execute(
          "INSERT INTO port_allocations (repository_id, worktree, service, container_port,"
              + " protocol, host_port, allocated_at) VALUES (1, 'a', 'web', 80, 'tcp', 3000, 'x'),"
              + " (1, 'a', 'api', 80, 'tcp', 3001, 'x')");
    }

    Migrations.migrateIfBehind(db);

    try (Connection c = SqliteFiles.dataSource(db).getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT group_concat(worktree || ':' || host_port || ':' || engine_host, ' ')"
                  + " FROM port_allocations_v")) {
        assertEquals("a:3000: a:3001:", rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("SELECT engine_host, used FROM port_blocks")) {
        assertEquals("", rs.getString(1));
        assertEquals(2, rs.getInt(2));
      }
      s.execute(
          "INSERT INTO port_allocations (repository_id, worktree, service, container_port,"
              + " protocol, host_port, allocated_at, engine_host)"
              + " VALUES (1, 'b', 'web', 80, 'tcp', 3000, 'x', 'devbox')");
      assertThrows(
          java.sql.SQLException.class,
          () ->
              s.execute(
                  "INSERT INTO port_allocations (repository_id, worktree, service,"
                      + " container_port, protocol, host_port, allocated_at)"
                      + " VALUES (1, 'c', 'web', 80, 'tcp', 3000, 'x')"),
          "a port is held once on each host");
    }
  }

  /**
   * Another process's first run has created Flyway's history table but not yet committed its first
   * migration (seen in CI: eight first runs at once): that file is hn's, on its way, not a foreign
   * database. hn waits its turn and finds it up to date (here: migrates it itself).
   */
  @Test
  void aRegistryWhoseFirstMigrationIsUnderWayIsNotTakenForAForeignDatabase() throws Exception {
    Path db = tmp.resolve("hn.db");
    Migrations.migrateIfBehind(db);
    try (Connection c = SqliteFiles.dataSource(db).getConnection();
        Statement s = c.createStatement()) {
      List<String> drops = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table')"
                  + " AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'"
                  + " ORDER BY type = 'table'")) {
        while (rs.next()) {
          drops.add("DROP " + rs.getString(1) + " \"" + rs.getString(2) + "\"");
        }
      }
      s.execute("PRAGMA foreign_keys = OFF");
      for (String drop : drops) {
        s.execute(drop);
      }
      s.execute("DELETE FROM flyway_schema_history");
    }

    Migrations.migrateIfBehind(db);

    try (Connection c = SqliteFiles.dataSource(db).getConnection()) {
      assertEquals(Migrations.SCHEMA_VERSION, Migrations.schemaVersion(c));
    }
  }

  /**
   * Flyway's table name alone does not make a file hn's: other tables beside it, none committed.
   */
  @Test
  void anEmptyHistoryBesideOtherTablesIsStillAForeignDatabase() throws Exception {
    Path db = tmp.resolve("other.db");
    try (Connection c = SqliteFiles.dataSource(db).getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE flyway_schema_history (version TEXT, success BOOLEAN)");
      s.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    }
    HnException refused = assertThrows(HnException.class, () -> Migrations.migrateIfBehind(db));
    assertTrue(refused.getMessage().contains("without hn's tables"), refused.getMessage());
  }
}
