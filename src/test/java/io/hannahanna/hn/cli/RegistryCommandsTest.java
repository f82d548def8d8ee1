package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hn registry …`, schema versions and damaged database files. */
@HnTest
class RegistryCommandsTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;
  Path db;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    db = repo.root().resolve(".hn-state/hn.db");
  }

  @Test
  void pathAndReadOnlySql(QuarkusMainLauncher hn) throws Exception {
    LaunchResult path = hn.launch("-C", root, "registry", "path");
    assertOk(path);
    assertEquals(db.toString(), path.getOutput().strip());

    assertOk(hn.launch("-C", root, "ports", "allocate", "a", "web:80"));
    LaunchResult text =
        hn.launch(
            "-C",
            root,
            "registry",
            "sql",
            "SELECT worktree, service, container_port FROM port_allocations_v");
    assertOk(text);
    assertEquals("worktree\tservice\tcontainer_port\na\tweb\t80", text.getOutput().strip());

    JsonNode rows =
        json(
            hn.launch("-C", root, "registry", "sql", "--json", "SELECT * FROM port_allocations_v"));
    assertEquals(1, rows.size());
    assertEquals(root, rows.get(0).get("repository").asText());
    for (String column :
        new String[] {
          "repository",
          "worktree",
          "service",
          "container_port",
          "host_port",
          "protocol",
          "allocated_at"
        }) {
      assertTrue(rows.get(0).has(column), column);
    }

    Path copy = tmp.resolve("copy.db");
    Path attached = tmp.resolve("attached.db");
    for (String write :
        new String[] {
          "DELETE FROM port_allocations",
          "DROP TABLE worktrees",
          "PRAGMA user_version = 7",
          "PRAGMA journal_mode(DELETE)",
          "VACUUM INTO '" + copy + "'",
          "ATTACH DATABASE '" + attached + "' AS x",
          "WITH t AS (SELECT 1) DELETE FROM port_allocations",
          "/* comment */ vacuum into '" + copy + "'"
        }) {
      LaunchResult refused = hn.launch("-C", root, "registry", "sql", write);
      assertEquals(1, refused.exitCode(), write);
      assertTrue(refused.getErrorOutput().contains("only reads"), refused.getErrorOutput());
    }
    assertFalse(Files.exists(copy), "VACUUM INTO wrote a file");
    assertFalse(Files.exists(attached), "ATTACH created a file");
    LaunchResult two =
        hn.launch("-C", root, "registry", "sql", "SELECT 1; DELETE FROM port_allocations");
    assertEquals(1, two.exitCode());
    assertTrue(two.getErrorOutput().contains("one statement"), two.getErrorOutput());
    assertOk(hn.launch("-C", root, "registry", "sql", "SELECT ';' AS semicolon; -- done"));
    assertEquals(
        1, json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size());
    assertEquals(
        "0",
        hn.launch("-C", root, "registry", "sql", "PRAGMA user_version")
            .getOutput()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow());
  }

  @Test
  void hnRegistryMustBeAnAbsolutePathInAnExistingFolder(QuarkusMainLauncher hn) {
    try {
      for (String[] setting :
          new String[][] {
            {"shared.db", "must be an absolute path"},
            {"~/hn.db", "only a shell expands"},
            {tmp.resolve("nope/hn.db").toString(), "does not exist"},
            {"/dev/null", "not a regular file"},
            {tmp.toString(), "a folder"},
            {"/proc/self/hn.db", "Cannot create"},
            {longFolder().resolve("hn.db").toString(), "characters long"}
          }) {
        System.setProperty("hn.registry", setting[0]);
        LaunchResult result = hn.launch("-C", root, "ports", "allocate", "a", "web:80");
        assertEquals(1, result.exitCode(), setting[0]);
        assertTrue(result.getErrorOutput().contains(setting[1]), result.getErrorOutput());
      }
    } finally {
      System.clearProperty("hn.registry");
    }
    assertFalse(Files.exists(repo.root().resolve("shared.db")));
    assertFalse(Files.exists(tmp.resolve("nope")));
  }

  private Path longFolder() {
    try {
      Path dir = tmp;
      for (int i = 0; i < 3; i++) {
        dir = Files.createDirectories(dir.resolve(String.valueOf(i).repeat(200)));
      }
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void readingCommandsDoNotWaitForAWriter(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "b"));
    assertOk(hn.launch("-C", root, "ports", "allocate", "b", "web:80"));
    org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + db + "?busy_timeout=0");
    try (java.sql.Connection writer = source.getConnection()) {
      writer.createStatement().execute("BEGIN IMMEDIATE"); // another process holds the write lock
      long start = System.nanoTime();
      assertOk(hn.launch("-C", root, "list"));
      assertOk(hn.launch("-C", root, "ports", "list"));
      assertOk(hn.launch("-C", root, "info", "b"));
      System.out.println(
          "reads beside a writer: " + (System.nanoTime() - start) / 1_000_000 + " ms for three");
      writer.createStatement().execute("ROLLBACK");
    }
  }

  @Test
  void aFileFromTheFirstSchemaIsMigratedOnFirstUse(QuarkusMainLauncher hn) throws Exception {
    Files.createDirectories(db.getParent());
    try (InputStream v1 = getClass().getResourceAsStream("/registry-v1.db")) {
      Files.copy(v1, db);
    }
    LaunchResult versions =
        hn.launch(
            "-C",
            root,
            "registry",
            "sql",
            "SELECT version FROM flyway_schema_history ORDER BY installed_rank");
    assertOk(versions);
    List<String> expected = new java.util.ArrayList<>(List.of("version"));
    for (int v = 1; v <= io.hannahanna.hn.state.Migrations.SCHEMA_VERSION; v++) {
      expected.add(Integer.toString(v));
    }
    assertEquals(expected, versions.getOutput().strip().lines().toList());
    LaunchResult old =
        hn.launch(
            "-C",
            root,
            "registry",
            "sql",
            "SELECT repository_name, worktree, parent FROM worktrees_v");
    assertEquals(
        "shop\tfeat-cart\tmain", old.getOutput().strip().lines().skip(1).findFirst().orElseThrow());
    assertOk(hn.launch("-C", root, "ports", "allocate", "a", "web:80"));
  }

  @Test
  void aNewerSchemaIsRefused(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "list"));
    org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + db);
    try (java.sql.Connection c = source.getConnection()) {
      c.createStatement()
          .executeUpdate(
              "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                  + " script, installed_by, execution_time, success)"
                  + " VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 'x', 1, 1)");
    }
    LaunchResult result = hn.launch("-C", root, "list");
    assertEquals(1, result.exitCode());
    assertTrue(result.getErrorOutput().contains("newer hn (schema 99)"), result.getErrorOutput());
  }

  @Test
  void aFileThatIsNotSqliteIsNeverOverwrittenAndRepairKeepsIt(QuarkusMainLauncher hn)
      throws Exception {
    Files.createDirectories(db.getParent());
    byte[] garbage = "this is not a database, but somebody's notes\n".repeat(200).getBytes();
    Files.write(db, garbage);

    for (String[] command :
        List.of(
            new String[] {"ports", "list"},
            new String[] {"ports", "allocate", "a", "web:80"},
            new String[] {"registry", "repair"})) {
      LaunchResult refused = hn.launch(concat("-C", root, command));
      assertEquals(1, refused.exitCode(), String.join(" ", command));
      String error = refused.getErrorOutput();
      assertTrue(error.contains(db.toString()) && error.contains("not an SQLite database"), error);
      assertFalse(error.contains("repair'"), "repair is no advice for a file it refuses: " + error);
      assertEquals(1, error.strip().lines().count(), error);
    }
    assertArrayEquals(garbage, Files.readAllBytes(db));
    try (Stream<Path> files = Files.list(db.getParent())) {
      assertEquals(
          List.of(db),
          files.filter(p -> p.getFileName().toString().startsWith("hn.db")).toList(),
          "repair renamed or created something");
    }
  }

  @Test
  void anSqliteFileWithoutHnTablesIsLeftAlone(QuarkusMainLauncher hn) throws Exception {
    Files.createDirectories(db.getParent());
    org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + db);
    try (java.sql.Connection c = source.getConnection()) {
      c.createStatement().executeUpdate("CREATE TABLE notes (text TEXT)");
    }
    byte[] before = Files.readAllBytes(db);
    LaunchResult list = hn.launch("-C", root, "list");
    assertEquals(1, list.exitCode());
    assertTrue(list.getErrorOutput().contains("without hn's tables"), list.getErrorOutput());
    LaunchResult repair = hn.launch("-C", root, "registry", "repair");
    assertEquals(1, repair.exitCode());
    assertTrue(repair.getErrorOutput().contains("without hn's tables"), repair.getErrorOutput());
    assertArrayEquals(before, Files.readAllBytes(db));
  }

  @Test
  void aDamagedPageIsNeverWrittenAndRepairKeepsEveryReadableRow(QuarkusMainLauncher hn)
      throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      many.append("wt").append(i).append(" web:80\n");
    }
    Path batch = Files.writeString(tmp.resolve("batch.txt"), many);
    assertOk(hn.launch("-C", root, "ports", "allocate", "--batch", batch.toString()));
    DamagedPage.damageALeafOf(db, "port_allocations");
    byte[] damaged = Files.readAllBytes(db);

    LaunchResult allocate = hn.launch("-C", root, "ports", "allocate", "new", "web:80");
    assertEquals(1, allocate.exitCode());
    assertTrue(allocate.getErrorOutput().contains("damaged"), allocate.getErrorOutput());
    assertArrayEquals(damaged, Files.readAllBytes(db), "hn wrote to a damaged database");
    assertFalse(
        Files.exists(db.resolveSibling("hn.db-wal"))
            && Files.size(db.resolveSibling("hn.db-wal")) > 0);

    LaunchResult repair = hn.launch("-C", root, "registry", "repair");
    assertOk(repair);
    String report = repair.getErrorOutput();
    assertTrue(report.contains("repositories: 1 row(s) kept, none lost"), report);
    java.util.regex.Matcher kept =
        java.util.regex.Pattern.compile("port_allocations: (\\d+) row\\(s\\) kept; rows with rowid")
            .matcher(report);
    assertTrue(kept.find(), report);
    int rows = Integer.parseInt(kept.group(1));
    assertTrue(rows > 2800 && rows < 3000, "one damaged page loses only its rows: " + report);
    JsonNode list = json(hn.launch("-C", root, "ports", "list", "--json"));
    assertEquals(rows, list.get("allocations").size());
  }

  private static String[] concat(String a, String b, String[] rest) {
    String[] all = new String[rest.length + 2];
    all[0] = a;
    all[1] = b;
    System.arraycopy(rest, 0, all, 2, rest.length);
    return all;
  }

  @Test
  void aTruncatedFileIsReportedAndRepairRecoversWhatItCan(QuarkusMainLauncher hn) throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      many.append("wt").append(i).append(" web:80\n");
    }
    Path batch = Files.writeString(tmp.resolve("batch.txt"), many);
    assertOk(hn.launch("-C", root, "ports", "allocate", "--batch", batch.toString()));
    byte[] whole = Files.readAllBytes(db);
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 3);
    Files.write(db, cut);

    LaunchResult list = hn.launch("-C", root, "ports", "list");
    assertEquals(1, list.exitCode());
    assertTrue(list.getErrorOutput().contains("hn registry repair"), list.getErrorOutput());
    assertArrayEquals(cut, Files.readAllBytes(db));

    LaunchResult repair = hn.launch("-C", root, "registry", "repair");
    assertOk(repair);
    assertTrue(repair.getErrorOutput().contains("repositories: "), repair.getErrorOutput());
    assertArrayEquals(cut, Files.readAllBytes(onlyBackup()));
    assertOk(hn.launch("-C", root, "ports", "list"));
  }

  private Path onlyBackup() throws Exception {
    try (Stream<Path> files = Files.list(db.getParent())) {
      List<Path> backups =
          files
              .filter(p -> p.getFileName().toString().matches("hn\\.db\\.broken-\\d{8}-\\d{6}"))
              .toList();
      assertEquals(1, backups.size(), backups.toString());
      return backups.get(0);
    }
  }
}
