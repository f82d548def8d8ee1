package io.hannahanna.hn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.GitRepo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Separate hn processes against one registry file: at once, and killed half-way. */
class ConcurrentAllocationIT {
  static final int PROCESSES = 12;

  @TempDir Path tmp;

  @Test
  void manyFirstRunsAtOnceImportTheOldRegistryOnceWithOneNotice() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(".hn-state/port-registry.yaml", "allocations:\n  a:\n    web: 3100\n    db: 3101\n");
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ProcessBuilder builder = new ProcessBuilder(LauncherIT.HN.toString(), "ports", "list");
      processes.add(
          builder
              .directory(repo.root().toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(tmp.resolve("import-err" + i).toFile())
              .start());
    }
    int notices = 0;
    for (int i = 0; i < processes.size(); i++) {
      assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS));
      String err = Files.readString(tmp.resolve("import-err" + i));
      assertEquals(0, processes.get(i).exitValue(), err);
      assertFalse(err.contains("warning"), err);
      notices += err.contains("Imported 2 port allocation(s)") ? 1 : 0;
    }
    assertEquals(1, notices, "one process imports and says so");
    try (Connection c = connect(repo.root().resolve(".hn-state/hn.db"))) {
      assertEquals(2, count(c, "SELECT count(*) FROM port_allocations"));
    }
    try (var files = Files.list(repo.root().resolve(".hn-state"))) {
      assertEquals(
          1,
          files.filter(p -> p.getFileName().toString().startsWith("port-registry.yaml")).count());
    }
  }

  @Test
  void manyProcessesAllocatingAtOnceAllGetDistinctPorts() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(".hannahanna.yml", "docker:\n  ports:\n    range: 42000-42999\n");
    // A fresh start-up cache: one process records it, the others start without waiting.
    Path cache = tmp.resolve("cache");
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      ProcessBuilder builder =
          new ProcessBuilder(
              LauncherIT.HN.toString(),
              "ports",
              "allocate",
              "wt" + i,
              "web:80",
              "db:5432",
              "dns:53/udp");
      builder.environment().put("HN_CACHE_DIR", cache.toString());
      processes.add(
          builder
              .directory(repo.root().toFile())
              .redirectOutput(tmp.resolve("out" + i).toFile())
              .redirectError(tmp.resolve("err" + i).toFile())
              .start());
    }
    for (int i = 0; i < PROCESSES; i++) {
      assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS));
      String err = Files.readString(tmp.resolve("err" + i));
      assertEquals(0, processes.get(i).exitValue(), err);
      assertFalse(err.toLowerCase().contains("locked"), err);
    }
    try (Connection c = connect(repo.root().resolve(".hn-state/hn.db"))) {
      assertEquals(PROCESSES * 3, count(c, "SELECT count(*) FROM port_allocations"));
      assertEquals(
          PROCESSES * 3,
          count(c, "SELECT count(DISTINCT protocol || host_port) FROM port_allocations"));
      assertEquals(PROCESSES, count(c, "SELECT count(DISTINCT worktree) FROM port_allocations"));
      assertEquals(
          io.hannahanna.hn.state.Migrations.SCHEMA_VERSION,
          count(c, "SELECT count(*) FROM flyway_schema_history"),
          "each migration ran once");
      assertEquals("ok", text(c, "PRAGMA integrity_check"));
    }
    Set<String> printed = new HashSet<>();
    for (int i = 0; i < PROCESSES; i++) {
      new ObjectMapper()
          .readTree(tmp.resolve("out" + i).toFile())
          .get("allocations")
          .forEach(a -> printed.add(a.get("protocol").asText() + a.get("hostPort").asInt()));
    }
    assertEquals(PROCESSES * 3, printed.size(), "every process printed its own distinct ports");
    LauncherIT.onlyArchive(cache);
  }

  /**
   * While another hn changes git's worktree list, `hn add` waits for it: two `git worktree add` at
   * once can each read the other's half-written entry in .git/worktrees and fail ("failed to read
   * .git/worktrees/w3/commondir"), as ScaleBenchmark's 4 parallel adds did.
   */
  @Test
  void anAddWaitsWhileAnotherHnChangesGitsWorktreeList() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    Path lockFile =
        Files.createDirectories(repo.root().resolve(".hn-state")).resolve("git-worktrees.lock");
    Process add;
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(
            lockFile,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock held = channel.lock();
      add = shell(repo, "\"$HN\" add waiting", "add");
      assertFalse(add.waitFor(3, TimeUnit.SECONDS), "hn add went ahead while the lock was held");
      assertFalse(Files.exists(repo.worktree("waiting")));
      held.release();
    }
    assertTrue(add.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, add.exitValue(), Files.readString(tmp.resolve("add")));
  }

  private Process shell(GitRepo repo, String script, String log) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("sh", "-c", script)
            .directory(repo.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve(log).toFile());
    builder.environment().put("HN", LauncherIT.HN.toString());
    return builder.start();
  }

  @Test
  void twoStartsOfOneWorktreeTakeTurns() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    // a stand-in compose whose `up` takes a second and logs when it begins and ends
    Path log = tmp.resolve("up.log");
    Path compose = tmp.resolve("compose");
    Files.writeString(
        compose,
        "#!/bin/sh\ncase \" $* \" in *' --profile * config ') cat compose.yml ;;"
            + " *' up '*) echo begin >> '"
            + log
            + "'; sleep 1; echo end >> '"
            + log
            + "' ;; esac\nexit 0\n");
    Files.setPosixFilePermissions(compose, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = Map.of("HN_COMPOSE", compose.toString());
    assertEquals(0, LauncherIT.hn(repo.root(), env, "add", "x").exit());
    List<Process> starts = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder builder =
          new ProcessBuilder(LauncherIT.HN.toString(), "docker", "start", "x")
              .directory(repo.root().toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(tmp.resolve("start-err" + i).toFile());
      builder.environment().putAll(env);
      starts.add(builder.start());
    }
    for (int i = 0; i < 2; i++) {
      assertTrue(starts.get(i).waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, starts.get(i).exitValue(), Files.readString(tmp.resolve("start-err" + i)));
    }
    assertEquals(List.of("begin", "end", "begin", "end"), Files.readAllLines(log));
  }

  @Test
  void aProcessKilledDuringAllocationLeavesNoHalfWrittenBatch() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(".hannahanna.yml", "docker:\n  ports:\n    range: 10000-60000\n");
    int size = 4000;
    StringBuilder batch = new StringBuilder();
    for (int i = 0; i < size; i++) {
      batch.append("k").append(i).append(" web:80\n");
    }
    Path file = Files.writeString(tmp.resolve("batch.txt"), batch);
    Path db = repo.root().resolve(".hn-state/hn.db");
    // Prime the database so the kill lands in the allocation, not in the first migration, and
    // time one whole run: the kills land between the start of the command's work and its end.
    assertEquals(0, LauncherIT.hn(repo.root(), "ports", "list").exit());
    CrashRecoveryIT.Timing timing =
        CrashRecoveryIT.timed(
            repo.root(), java.util.Map.of(), "ports", "allocate", "--batch", file.toString());
    try (Connection c = connect(db)) {
      c.createStatement().executeUpdate("DELETE FROM port_allocations");
    }
    int rolledBack = 0;
    // three kills at 20, 45 and 70 % of the work; on a busy machine, more in the middle until one
    // lands before the commit
    for (int i = 0; i < 9 && (i < 3 || rolledBack == 0); i++) {
      double share = i < 3 ? 0.2 + 0.25 * i : 0.1 + 0.5 * new java.util.Random().nextDouble();
      Process p =
          new ProcessBuilder(
                  LauncherIT.HN.toString(), "ports", "allocate", "--batch", file.toString())
              .directory(repo.root().toFile())
              .redirectOutput(new File("/dev/null"))
              .redirectError(new File("/dev/null"))
              .start();
      Thread.sleep(timing.killAt(share));
      p.destroyForcibly().waitFor();
      try (Connection c = connect(db)) {
        int rows = count(c, "SELECT count(*) FROM port_allocations");
        assertTrue(rows == 0 || rows == size, "all or nothing, got " + rows);
        rolledBack += rows == 0 ? 1 : 0;
        assertEquals("ok", text(c, "PRAGMA integrity_check"));
        c.createStatement().executeUpdate("DELETE FROM port_allocations");
      }
    }
    assertTrue(rolledBack > 0, "no kill landed before the batch's commit (" + timing + ")");
    assertEquals(0, LauncherIT.hn(repo.root(), "ports", "allocate", "after", "web:80").exit());
  }

  static Connection connect(Path db) throws Exception {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + db + "?busy_timeout=10000");
    return source.getConnection();
  }

  static int count(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.getInt(1);
    }
  }

  static String text(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.getString(1);
    }
  }
}
