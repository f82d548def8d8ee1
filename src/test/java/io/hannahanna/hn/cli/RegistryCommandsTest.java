package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hn registry …`, schema versions and damaged database files. */
@QuarkusMainTest
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

    for (String write :
        new String[] {
          "DELETE FROM port_allocations", "DROP TABLE worktrees", "PRAGMA user_version = 7"
        }) {
      LaunchResult refused = hn.launch("-C", root, "registry", "sql", write);
      assertEquals(1, refused.exitCode(), write);
      assertTrue(refused.getErrorOutput().contains("read-only"), refused.getErrorOutput());
    }
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
    for (int v = 1; v <= io.hannahanna.hn.state.Database.SCHEMA_VERSION; v++) {
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

    LaunchResult list = hn.launch("-C", root, "ports", "list");
    assertEquals(1, list.exitCode());
    assertTrue(list.getErrorOutput().contains(db.toString()), list.getErrorOutput());
    assertTrue(list.getErrorOutput().contains("hn registry repair"), list.getErrorOutput());
    assertEquals(1, list.getErrorOutput().strip().lines().count(), list.getErrorOutput());
    assertArrayEquals(garbage, Files.readAllBytes(db));

    LaunchResult repair = hn.launch("-C", root, "registry", "repair");
    assertOk(repair);
    Path backup = onlyBackup();
    assertArrayEquals(garbage, Files.readAllBytes(backup));
    assertTrue(repair.getErrorOutput().contains(backup.toString()), repair.getErrorOutput());
    assertOk(hn.launch("-C", root, "ports", "allocate", "a", "web:80"));
    LaunchResult healthy = hn.launch("-C", root, "registry", "repair");
    assertTrue(healthy.getErrorOutput().contains("nothing to repair"), healthy.getErrorOutput());
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
