package io.hannahanna.hn.launcher;

import static io.hannahanna.hn.launcher.LauncherIT.HN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import io.hannahanna.hn.support.MainWithVolume;
import io.hannahanna.hn.support.ProfileLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * `kill -9` at many moments of `hn add` and `hn remove` (with and without a Docker environment):
 * after the next hn command, git, the folders, the state directory and the database agree — the
 * worktree is wholly there or wholly gone.
 */
class CrashRecoveryIT {
  /**
   * Kill moments: swept from the moment the command's own work begins (HN_PROFILE's `call`; a kill
   * during the JVM's and Quarkus' start leaves nothing to check) to just after the command's end.
   * The window is cut into one slice per round and each round kills at a random moment of its
   * slice: every run covers the whole window, and runs together cover every moment of it.
   */
  static final double LAST_KILL = 1.05;

  /**
   * A hook that makes one add take its time, so that one kill lands in the middle of the work
   * whatever the machine's speed (the random moments alone may all miss a short window).
   */
  static final String SLOW_MIDDLE =
      "hooks:\n  post_create:\n    - when: {name: mid-add}\n      run: sleep 4\n";

  @TempDir Path tmp;
  final java.util.Random random = new java.util.Random();

  @Test
  void killedAddsAndRemovesLeaveWholeWorktreesOrNothing() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(".hannahanna.yml", SLOW_MIDDLE);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "config");
    List<String> report = sweep(repo, 3, false, false);
    System.out.println("CrashRecoveryIT without Docker: " + report);
  }

  @Test
  void killedAddsAndRemovesWithDockerLeaveWholeEnvironmentsOrNothing() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    // A stand-in compose that resolves the project as the file is and accepts the generated one:
    // this test is about hn's own state (ports, compose file, rows), not about containers.
    Path compose = tmp.resolve("compose-ok");
    Files.writeString(
        compose,
        "#!/bin/sh\ncase \" $* \" in *' --profile * config ') cat compose.yml ;;"
            // the middle round's removal takes its time while hn takes the stack down
            + " *'-mid-rm -f'*' rm '*) sleep 4 ;; esac\nexit 0\n");
    Files.setPosixFilePermissions(compose, PosixFilePermissions.fromString("rwx------"));
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n" + SLOW_MIDDLE);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    // removed with --delete-branch: a removal finished after a kill deletes the branch too
    List<String> report = sweep(repo, 2, true, true, "HN_COMPOSE", compose.toString());
    System.out.println("CrashRecoveryIT with Docker: " + report);
  }

  @Test
  void killedRestoresAndIntegratesAreNamedByTheNextHn() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    // checking out a *.slow file takes two seconds (a smudge filter): a kill 1 s into the work
    // lands while git writes the worktree
    repo.write(".gitattributes", "*.slow filter=slow\n");
    repo.git("config", "filter.slow.smudge", "sleep 2; cat");
    repo.git("config", "filter.slow.clean", "cat");
    repo.git("add", ".gitattributes");
    repo.git("commit", "-q", "-m", "attributes");
    assertEquals(0, LauncherIT.hn(repo.root(), "add", "feat").exit());
    Path feat = repo.worktree("feat");
    Files.writeString(feat.resolve("wip.slow"), "work\n");
    Files.writeString(feat.resolve("README.md"), "edited\n");
    assertEquals(0, LauncherIT.hn(repo.root(), "snapshot", "create", "feat", "s").exit());
    Runnable cleanFeat =
        () -> {
          GitRepo.gitIn(feat, "reset", "-q", "--hard");
          GitRepo.gitIn(feat, "clean", "-q", "-fd");
        };
    cleanFeat.run();
    interrupted(
        repo, feat, cleanFeat, "snapshot restore feat s", "snapshot", "restore", "feat", "s");

    Files.writeString(feat.resolve("merged.slow"), "merged\n");
    GitRepo.gitIn(feat, "add", ".");
    GitRepo.gitIn(feat, "commit", "-q", "-m", "to merge");
    String before = repo.git("rev-parse", "HEAD");
    interrupted(
        repo,
        repo.root(),
        () -> repo.git("reset", "-q", "--hard", before),
        "integrate feat --into main",
        "integrate",
        "feat",
        "--no-ff");
  }

  @Test
  void aKilledSeedLeavesItsSourceRunningAfterTheNextHn() throws Exception {
    DockerEngine.use(DockerEngine.COMPOSE_V2);
    GitRepo repo = MainWithVolume.create(tmp, "seedkill");
    String compose = DockerEngine.COMPOSE_V2;
    // helpers another run may have left would count against this one
    DockerEngine.lines("ps", "-aq", "--filter", "label=io.hannahanna.hn.helper")
        .forEach(id -> DockerEngine.docker("rm", "-f", id));
    try {
      MainWithVolume.compose(repo, compose, "up", "-d");
      // enough data that the copy takes a while on any machine
      MainWithVolume.compose(
          repo,
          compose,
          "exec",
          "-T",
          "db",
          "dd",
          "if=/dev/zero",
          "of=/data/big",
          "bs=1M",
          "count=800");
      String db =
          DockerEngine.lines("ps", "-q", "--filter", "label=com.docker.compose.project=seedkill")
              .get(0);
      assertEquals(0, LauncherIT.hn(repo.root(), "add", "a", "--no-seed").exit());

      // on a terminal: a progress bar of bytes, then the summary line
      Result shown = TerminalIT.onTerminal(repo.root(), Map.of(), "docker", "seed", "a", "--yes");
      assertEquals(0, shown.exit(), shown.stdout());
      assertTrue(
          shown.stdout().contains("seeding data from main [") && shown.stdout().contains(" MB of "),
          shown.stdout());
      assertTrue(shown.stdout().contains("seeded data from main: 8"), shown.stdout());

      // Ctrl-C: the source runs again as hn exits
      Process interrupted = seedUntilPaused(repo, db);
      new ProcessBuilder("kill", "-INT", Long.toString(interrupted.pid())).start().waitFor();
      interrupted.waitFor();
      assertFalse(paused(db), "Ctrl-C left main's container paused");
      assertEquals(
          List.of(),
          DockerEngine.lines("ps", "-aq", "--filter", "label=io.hannahanna.hn.helper"),
          "Ctrl-C left the helper container");

      // kill -9: the next hn resumes it
      Process seed = seedUntilPaused(repo, db);
      seed.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block
      seed.waitFor();
      assertTrue(paused(db), "the seed never paused main's container");

      Result list = LauncherIT.hn(repo.root(), "list");
      assertEquals(0, list.exit(), list.stderr());
      assertTrue(list.stderr().contains("resumed 1 container"), list.stderr());
      assertFalse(paused(db), "main's container is still paused");
      assertEquals(
          List.of(),
          DockerEngine.lines("ps", "-aq", "--filter", "label=io.hannahanna.hn.helper"),
          "the helper container was left");
    } finally {
      GitRepo.exec(repo.root(), List.of("docker", "compose", "down", "-v"), Map.of());
      DockerEngine.clean(repo.root());
      DockerEngine.reset();
    }
  }

  /** Starts `hn docker seed a` and returns once it has paused main's container. */
  private static Process seedUntilPaused(GitRepo repo, String db) throws Exception {
    Process seed =
        new ProcessBuilder(HN.toString(), "docker", "seed", "a", "--yes")
            .directory(repo.root().toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!paused(db) && seed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(paused(db), "the seed never paused main's container");
    return seed;
  }

  private static boolean paused(String container) {
    return DockerEngine.lines("inspect", "-f", "{{.State.Paused}}", container)
        .equals(List.of("true"));
  }

  /**
   * Kills a command 1 s into its work, while git checks out a slow file; the next hn names the
   * command, once.
   */
  private void interrupted(
      GitRepo repo, Path worktree, Runnable undo, String named, String... command)
      throws Exception {
    Timing timing = timed(repo.root(), Map.of(), command);
    undo.run();
    Path note =
        repo.root()
            .resolve(".hn-state/worktrees")
            .resolve(worktree.equals(repo.root()) ? "main" : worktree.getFileName().toString())
            .resolve("interrupted-operation");
    killAfter(repo.root(), Map.of(), timing.work() + 1000, command);
    assertTrue(Files.exists(note), "killed in the middle of '" + named + "' (" + timing + ")");
    Result list = LauncherIT.hn(repo.root(), "list");
    assertEquals(0, list.exit(), list.stderr());
    assertTrue(
        list.stderr().contains("'hn " + named) && list.stderr().contains("was interrupted"),
        list.stderr());
    assertFalse(Files.exists(note), "said once");
    assertFalse(LauncherIT.hn(repo.root(), "list").stderr().contains("was interrupted"));
    undo.run();
  }

  /**
   * Adds and removes worktrees, each killed at a later moment; returns what was found each time.
   */
  private List<String> sweep(
      GitRepo repo, int rounds, boolean docker, boolean deleteBranch, String... extraEnv)
      throws Exception {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < extraEnv.length; i += 2) {
      env.put(extraEnv[i], extraEnv[i + 1]);
    }
    // the start-up cache is recorded now if it is not yet, never by a run that is killed
    assertEquals(0, LauncherIT.hn(repo.root(), env, "--version").exit());
    // and the registry is created and migrated now: the timed runs below are like the killed ones
    assertEquals(0, LauncherIT.hn(repo.root(), env, "trust").exit());
    // a repository's first add does more than the later ones (its state folder, git's exclude
    // file): one add and remove first, so the timed ones are like the killed ones
    assertEquals(0, LauncherIT.hn(repo.root(), env, "add", "warm-up").exit());
    assertEquals(0, LauncherIT.hn(repo.root(), env, "remove", "warm-up").exit());
    Timing add = timed(repo.root(), env, "add", "calibrate");
    Timing remove = timed(repo.root(), env, "remove", "calibrate");
    List<String> report = new ArrayList<>(List.of("add " + add, "remove " + remove));
    for (int round = 0; round < rounds; round++) {
      round(
          repo,
          env,
          "w" + round,
          (round + random.nextDouble()) / rounds,
          add,
          remove,
          docker,
          deleteBranch,
          report);
    }
    // The sweep is worth something only where a kill lands in the middle of the work: one add
    // (and with Docker one remove) is killed while it waits on a slow step, wherever the random
    // moments fell.
    long delay = add.work() + 1500;
    killAfter(repo.root(), env, delay, "add", "mid-add");
    String recovered = settle(repo, env);
    assertFalse(assertWholeOrGone(repo, "mid-add", docker, false, "add killed in its hook"));
    report.add("add@" + delay + "ms in its hook:rolled-back" + recovered);
    assertTrue(recovered(report.get(report.size() - 1)), "the next hn said so: " + report);
    if (docker) {
      assertEquals(0, LauncherIT.hn(repo.root(), env, "add", "mid-rm").exit());
      delay = remove.work() + 1500;
      killAfter(repo.root(), env, delay, "remove", "mid-rm", "--delete-branch");
      recovered = settle(repo, env);
      assertFalse(assertWholeOrGone(repo, "mid-rm", docker, false, "remove killed taking down"));
      report.add("remove@" + delay + "ms taking down:removed" + recovered);
      assertTrue(recovered(report.get(report.size() - 1)), "the next hn said so: " + report);
    }
    return report;
  }

  private static boolean recovered(String outcome) {
    return outcome.endsWith("(recovered)");
  }

  /** One add and one remove of a worktree, each killed at the same share of its work. */
  private void round(
      GitRepo repo,
      Map<String, String> env,
      String name,
      double share,
      Timing add,
      Timing remove,
      boolean docker,
      boolean deleteBranch,
      List<String> report)
      throws Exception {
    long delay = add.killAt(share);
    killAfter(repo.root(), env, delay, "add", name);
    String recovered = settle(repo, env);
    boolean present =
        assertWholeOrGone(repo, name, docker, false, "add killed at " + delay + " ms");
    report.add("add@" + delay + "ms:" + (present ? "kept" : "rolled-back") + recovered);
    if (!present) {
      assertEquals(0, LauncherIT.hn(repo.root(), env, "add", name).exit());
    }
    delay = remove.killAt(share);
    if (deleteBranch) {
      killAfter(repo.root(), env, delay, "remove", name, "--delete-branch");
    } else {
      killAfter(repo.root(), env, delay, "remove", name);
    }
    recovered = settle(repo, env);
    present =
        assertWholeOrGone(repo, name, docker, !deleteBranch, "remove killed at " + delay + " ms");
    report.add("remove@" + delay + "ms:" + (present ? "kept" : "removed") + recovered);
  }

  /** When, in ms after its start, a command began its own work, and when it ended. */
  record Timing(long work, long end) {
    long killAt(double share) {
      return Math.round(work + (end * LAST_KILL - work) * share);
    }

    @Override
    public String toString() {
      return "works from " + work + " ms to " + end + " ms";
    }
  }

  static Timing timed(Path dir, Map<String, String> env, String... args) {
    Map<String, String> profiled = new java.util.HashMap<>(env);
    profiled.put("HN_PROFILE", "1");
    long start = System.currentTimeMillis();
    Result result = LauncherIT.hn(dir, profiled, args);
    long end = System.currentTimeMillis() - start;
    assertEquals(0, result.exit(), result.stderr());
    ProfileLine profile = ProfileLine.find(result.stderr()).orElseThrow();
    return new Timing(profile.call() - start, end);
  }

  /** The next hn command finishes what the killed one left. */
  private static String settle(GitRepo repo, Map<String, String> env) {
    Result list = LauncherIT.hn(repo.root(), env, "list");
    assertEquals(0, list.exit(), list.stderr());
    return list.stderr().contains("was interrupted") ? "(recovered)" : "";
  }

  private static void killAfter(Path dir, Map<String, String> env, long millis, String... args)
      throws Exception {
    List<String> argv = new ArrayList<>(List.of(HN.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    }
    process.waitFor();
  }

  /** Asserts every trace of the worktree agrees; returns whether it exists. */
  /** keepsBranch: a removal that keeps the branch (no --delete-branch). */
  private boolean assertWholeOrGone(
      GitRepo repo, String name, boolean docker, boolean keepsBranch, String moment)
      throws Exception {
    Path folder = repo.worktree(name);
    boolean known =
        GitRepo.gitIn(repo.root(), "worktree", "list", "--porcelain")
            .contains("worktree " + folder + "\n");
    boolean branch = !repo.git("branch", "--list", name).isEmpty();
    Path state = repo.root().resolve(".hn-state/worktrees").resolve(name);
    Map<String, Object> facts = new java.util.LinkedHashMap<>();
    facts.put("git knows it", known);
    facts.put("folder", Files.isDirectory(folder));
    facts.put("branch", branch);
    facts.put("state dir", Files.isDirectory(state));
    facts.put("row", row(repo, name));
    if (docker) {
      facts.put("ports", ports(repo, name) > 0);
      facts.put("compose file", Files.exists(state.resolve("compose.yml")));
    }
    boolean present = known;
    Map<String, Object> expected = new java.util.LinkedHashMap<>();
    facts.keySet().forEach(k -> expected.put(k, present));
    expected.put("row", present ? "ready" : "none");
    // hn remove keeps the branch without --delete-branch; a rolled-back add deletes the branch
    // it created, which has not moved on here
    expected.put("branch", present || keepsBranch);
    assertEquals(expected, facts, name + ", " + moment);
    return present;
  }

  private static String row(GitRepo repo, String name) throws Exception {
    try (Connection c = connect(repo);
        PreparedStatement s = c.prepareStatement("SELECT state FROM worktrees WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "none";
      }
    }
  }

  private static int ports(GitRepo repo, String name) throws Exception {
    try (Connection c = connect(repo);
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM port_allocations WHERE worktree = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.getInt(1);
      }
    }
  }

  private static Connection connect(GitRepo repo) throws Exception {
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + repo.root().resolve(".hn-state/hn.db"));
    return source.getConnection();
  }
}
