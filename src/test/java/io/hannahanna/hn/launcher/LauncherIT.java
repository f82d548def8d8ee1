package io.hannahanna.hn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import io.hannahanna.hn.support.ProfileLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The packaged launcher (target/hn) as a user runs it: a separate process, from anywhere. */
class LauncherIT {
  static final Path HN = Path.of(System.getProperty("hn.launcher", "target/hn")).toAbsolutePath();

  @TempDir Path tmp;

  static Result hn(Path dir, Map<String, String> env, String... args) {
    List<String> argv = new ArrayList<>(List.of(HN.toString()));
    argv.addAll(List.of(args));
    return GitRepo.exec(dir, argv, env);
  }

  static Result hn(Path dir, String... args) {
    return hn(dir, Map.of(), args);
  }

  @Test
  void versionAndHelpWorkFromAnyDirectoryWithCleanStdout() {
    Result version = hn(tmp, "--version");
    assertEquals(0, version.exit(), version.stderr());
    assertTrue(version.stdout().matches("hn \\d+\\.\\d+\\.\\d+.*\n"), version.stdout());
    assertEquals("", version.stderr());

    Result help = hn(tmp, "--help");
    assertEquals(0, help.exit());
    for (String command :
        List.of("add", "list", "info", "switch", "remove", "prune", "init-shell")) {
      assertTrue(help.stdout().contains("  " + command), command);
    }
    Result addHelp = hn(tmp, "add", "--help");
    assertTrue(addHelp.stdout().startsWith("Usage: hn add"), addHelp.stdout());
    assertFalse(addHelp.stdout().contains("INFO"), "no log lines on stdout");
  }

  @Test
  void hnProfilePrintsWhenMainAndTheCommandWereReachedAndTheClassesLoaded() {
    assertFalse(hn(tmp, "--version").stderr().contains("hn-profile"), "only when asked for");
    long before = System.currentTimeMillis();
    Result profiled = hn(tmp, Map.of("HN_PROFILE", "1"), "--version");
    long after = System.currentTimeMillis();
    assertEquals(0, profiled.exit(), profiled.stderr());
    assertTrue(profiled.stdout().startsWith("hn "), "stdout stays the command's own");
    ProfileLine line =
        ProfileLine.whole(profiled.stderr())
            .orElseThrow(() -> new AssertionError("not a profile line: " + profiled.stderr()));
    assertTrue(
        before <= line.main()
            && line.main() <= line.call()
            && line.call() <= line.exit()
            && line.exit() <= after,
        line.toString());
    assertTrue(line.classes() > 1000, "classes loaded: " + line.classes());
  }

  @Test
  void startUpCacheIsRecordedOnceUsedFromAnywhereAndReplacedWhenStaleOrDamaged() throws Exception {
    Path cache = tmp.resolve("cache");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    GitRepo repo = GitRepo.create(tmp);
    Result first = hn(elsewhere, Map.of("HN_CACHE_DIR", cache.toString()), "--version");
    assertEquals(0, first.exit(), first.stderr());
    assertEquals("", first.stderr(), "recording is silent when stderr is not a terminal");
    Path archive = onlyArchive(cache);
    assertTrue(
        archive.getFileName().toString().matches("start-\\d+\\.(jsa|aot)"), archive.toString());

    Path log = tmp.resolve("class-load.log");
    Result cached =
        hn(
            elsewhere,
            Map.of(
                "HN_CACHE_DIR",
                cache.toString(),
                "HN_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + log),
            "-C",
            repo.root().toString(),
            "ports",
            "list");
    assertEquals(0, cached.exit(), cached.stderr());
    assertEquals("", cached.stderr());
    String loaded = Files.readString(log);
    // The training run covered the command line, the database and the migrations.
    for (String type :
        List.of("io.hannahanna.hn.cli.HnCommand", "org.sqlite.JDBC", "org.flywaydb.core.Flyway")) {
      assertTrue(loaded.contains(type + " source: shared objects file"), type);
    }
    assertEquals(archive, onlyArchive(cache), "used, not recorded again");

    // SQLite's native library is loaded from the cache, not unpacked into the temp folder.
    try (var files = Files.walk(cache.resolve("native"))) {
      assertEquals(
          1, files.filter(f -> f.getFileName().toString().startsWith("libsqlitejdbc")).count());
    }
    Map<String, String> noTemp = Map.of("HN_JAVA_OPTS", "-Djava.io.tmpdir=/nonexistent");
    Map<String, String> cachedNoTemp = new java.util.HashMap<>(noTemp);
    cachedNoTemp.put("HN_CACHE_DIR", cache.toString());
    assertEquals(0, hn(repo.root(), cachedNoTemp, "ports", "list").exit());
    Map<String, String> plainNoTemp = new java.util.HashMap<>(noTemp);
    plainNoTemp.put("HN_CACHE_DIR", "off");
    assertEquals(1, hn(repo.root(), plainNoTemp, "ports", "list").exit(), "needs /tmp otherwise");
    staleOrDamagedIsReplacedOrSkippedWithoutNoise(cache, archive);
  }

  private void staleOrDamagedIsReplacedOrSkippedWithoutNoise(Path cache, Path archive)
      throws Exception {
    Map<String, String> env = Map.of("HN_CACHE_DIR", cache.toString());
    // Older than the jars, as after a rebuild: recorded again.
    Files.setLastModifiedTime(archive, FileTime.fromMillis(0));
    Result rebuilt = hn(tmp, env, "--version");
    assertEquals(0, rebuilt.exit());
    assertEquals("", rebuilt.stderr());
    assertTrue(Files.getLastModifiedTime(onlyArchive(cache)).toMillis() > 0, "recorded again");

    // Damaged but newer than the jars: the JVM refuses it and hn starts plainly, quietly.
    Files.delete(archive);
    Files.writeString(archive, "not a class-data archive");
    Result damaged = hn(tmp, env, "--version");
    assertEquals(0, damaged.exit());
    assertEquals("", damaged.stderr());
    assertTrue(damaged.stdout().startsWith("hn "), damaged.stdout());

    // A cache folder that cannot be created: plain start.
    Path file = Files.writeString(tmp.resolve("a-file"), "");
    Result noCache = hn(tmp, Map.of("HN_CACHE_DIR", file.resolve("sub").toString()), "--version");
    assertEquals(0, noCache.exit());
    assertEquals("", noCache.stderr());
  }

  @Test
  void aRecordingThatFailsIsNotRetriedOnEveryRun() throws Exception {
    // Without git on PATH the training run fails; `hn --version` itself needs no git.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool :
        List.of("dirname", "readlink", "cksum", "mkdir", "find", "rm", "rmdir", "mv")) {
      Path real =
          Files.exists(Path.of("/usr/bin", tool))
              ? Path.of("/usr/bin", tool)
              : Path.of("/bin", tool);
      Files.createSymbolicLink(bin.resolve(tool), real);
    }
    Path cache = tmp.resolve("cache");
    Map<String, String> env =
        Map.of(
            "PATH", bin.toString(),
            "JAVA_HOME", System.getProperty("java.home"),
            "HN_CACHE_DIR", cache.toString());
    Result first = hn(tmp, env, "--version");
    assertEquals(0, first.exit(), first.stderr());
    assertEquals("", first.stderr());
    Path marker = onlyArchive(cache);
    assertTrue(marker.getFileName().toString().endsWith(".failed"), marker.toString());
    FileTime failedAt = Files.getLastModifiedTime(marker);

    Result second = hn(tmp, env, "--version");
    assertEquals(0, second.exit());
    assertEquals(failedAt, Files.getLastModifiedTime(onlyArchive(cache)), "not recorded again");
  }

  /** The one cache file besides native/: no lock or temporary file may be left behind. */
  static Path onlyArchive(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      List<Path> all = files.filter(f -> !f.getFileName().toString().equals("native")).toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  @Test
  void theAppsOwnDotEnvAndConfigFolderDoNotConfigureHn() throws Exception {
    // A Quarkus (or compose) app's checkout: hn runs in it but must not read its settings.
    GitRepo repo = GitRepo.create(tmp);
    repo.write(".env", "QUARKUS_DATASOURCE_DB_KIND=postgresql\nQUARKUS_LOG_LEVEL=DEBUG\n");
    repo.write("config/application.properties", "quarkus.banner.enabled=true\n");
    Result list = hn(repo.root(), "list");
    assertEquals(0, list.exit(), list.stderr());
    assertEquals("", list.stderr());
    assertEquals(1, list.stdout().lines().count(), list.stdout());
    // Relative paths still resolve against the folder hn was started in.
    repo.write("batch.txt", "w1 web:80\n");
    Result batch = hn(repo.root(), "ports", "allocate", "--batch", "batch.txt");
    assertEquals(0, batch.exit(), batch.stderr());
    assertEquals("", batch.stderr());
  }

  @Test
  void outsideARepositoryItSaysSoAndExitsOne() {
    Result result = hn(tmp, "list");
    assertEquals(1, result.exit());
    assertEquals("", result.stdout());
    assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
    assertTrue(result.stderr().startsWith("hn: Not inside a git repository"), result.stderr());

    Result debug = hn(tmp, Map.of("HN_DEBUG", "1"), "list");
    assertEquals(1, debug.exit());
    assertTrue(
        debug.stderr().contains("\tat io.hannahanna.hn."), "HN_DEBUG=1 shows the stack trace");
  }

  @Test
  void theUsersOwnFilesFollowHome() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(".hannahanna.yml", "worktree_dir: ../{repo}-worktrees\n");
    Path home = Files.createDirectories(tmp.resolve("home"));
    Result trust =
        hn(
            repo.root(),
            Map.of("HOME", home.toString(), "XDG_STATE_HOME", "", "XDG_CONFIG_HOME", ""),
            "trust");
    assertEquals(0, trust.exit(), trust.stderr());
    assertTrue(Files.isRegularFile(home.resolve(".local/state/hn/trusted")), "under $HOME");
  }

  @Test
  void acceptanceScenarioThroughTheLauncher() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    assertEquals(0, hn(repo.root(), "add", "a").exit());
    assertEquals(0, hn(repo.root(), "add", "b", "--from", "main").exit());
    assertEquals(0, hn(repo.worktree("a"), "add", "c").exit());
    Result tree = hn(repo.root(), "list", "--tree");
    assertTrue(tree.stdout().contains("│   └── c"), tree.stdout());
    Result info = hn(repo.root(), "info", "c", "--json");
    assertTrue(info.stdout().contains("\"parent\" : \"a\""), info.stdout());
    Result refused = hn(repo.root(), "remove", "a");
    assertEquals(1, refused.exit());
    assertEquals(0, hn(repo.root(), "remove", "a", "--force").exit());
    Result list = hn(repo.root(), "list", "--json");
    assertEquals(0, list.exit());
    assertFalse(list.stdout().contains("\"name\" : \"a\""), list.stdout());
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.stdout());
  }

  @Test
  void hnRegistryLetsRepositoriesShareOneDatabase() throws Exception {
    Path db = Files.createDirectories(tmp.resolve("shared")).resolve("registry.db");
    Map<String, String> env = Map.of("HN_REGISTRY", db.toString());
    GitRepo one = GitRepo.create(tmp, "one");
    GitRepo two = GitRepo.create(tmp, "two");
    assertEquals(0, hn(one.root(), env, "add", "same").exit());
    assertEquals(0, hn(two.root(), env, "add", "same").exit());
    assertFalse(Files.exists(one.root().resolve(".hn-state/hn.db")));

    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + db);
    try (Connection c = source.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(DISTINCT repository_id), count(*) FROM worktrees WHERE name = 'same'")) {
      assertEquals(2, rs.getInt(1));
      assertEquals(2, rs.getInt(2));
    }
    assertEquals(0, hn(one.root(), env, "remove", "same").exit());
    assertTrue(hn(two.root(), env, "list").stdout().contains("same"));
  }

  @Test
  void bashCompletionCompletesCommandsOptionsAndWorktreeNames() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    assertEquals(0, hn(repo.root(), "add", "feature-y").exit());
    String script =
        "source <(hn completion bash) 2>/dev/null\n"
            + "complete() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
            + " COMPREPLY=(); _hn_with_worktrees 2>/dev/null; echo \"${COMPREPLY[*]}\"; }\n"
            + "complete hn sw\ncomplete hn switch fe\ncomplete hn add --no\n";
    Result result =
        GitRepo.exec(
            repo.root(),
            List.of("bash", "-c", script),
            Map.of("PATH", HN.getParent() + ":" + System.getenv("PATH")));
    assertEquals(
        List.of("switch", "feature-y", "--no-branch --no-hooks --no-docker --no-seed --no-color"),
        result.stdout().lines().toList(),
        result.stderr());
    assertTrue(hn(tmp, "completion", "zsh").stdout().contains("bashcompinit"));
    assertTrue(
        hn(tmp, "completion", "fish")
            .stdout()
            .contains("complete -c hn -n __fish_use_subcommand -a switch"));
  }

  /**
   * What `hn init-shell` sets up, in each shell: `hn switch` changes directory and runs post_switch
   * there, other commands pass through, and `hn return --delete` goes back to the main checkout.
   */
  @Test
  void theShellFunctionSwitchesRunsPostSwitchAndReturns() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    Path log = tmp.resolve("switched.log");
    repo.write(
        ".hannahanna.yml", "hooks:\n  post_switch: 'echo \"$WT_NAME $(pwd)\" >> " + log + "'\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "a post_switch hook"); // return --delete needs a clean main
    assertEquals(0, hn(repo.root(), "trust").exit());
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("hn"), HN);
    Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    assertEquals(0, hn(repo.root(), "add", "feature-x").exit());
    String wt = repo.worktree("feature-x").toString();
    // bash also passes another command through; the last shell returns with --delete
    List<List<String>> shells =
        List.of(
            List.of("bash", "eval \"$(hn init-shell bash)\"", "hn switch --help | head -1; "),
            List.of("zsh", "eval \"$(hn init-shell zsh)\"", ""),
            List.of("fish", "hn init-shell fish | source", ""));
    for (List<String> shell : shells) {
      String name = shell.get(0);
      boolean last = name.equals("fish");
      Files.deleteIfExists(log);
      String script =
          shell.get(1)
              + "; hn switch feature; pwd; "
              + shell.get(2)
              + (last ? "hn return --delete" : "hn return")
              + "; pwd";
      Result result = GitRepo.exec(repo.root(), List.of(name, "-c", script), path);
      assertEquals(0, result.exit(), name + ": " + result.stderr());
      List<String> lines = new ArrayList<>(result.stdout().lines().toList());
      assertEquals(wt, lines.remove(0), name + " changed directory");
      assertEquals("feature-x " + wt + "\n", Files.readString(log), name + ": post_switch");
      if (!shell.get(2).isEmpty()) {
        assertTrue(lines.remove(0).startsWith("Usage: hn switch"), name + ": " + result.stdout());
      }
      assertEquals(List.of(repo.root().toString()), lines, name + " returned");
      assertEquals(!last, Files.exists(repo.worktree("feature-x")), name + ": --delete removes it");
    }
  }

  /**
   * `hn add <wt> -x <program>` and `hn switch <wt> -x <program>` through each shell's function: the
   * program runs in the worktree with its variables and the terminal's output, hn's exit code is
   * the program's, and the shell is left in the worktree.
   */
  @Test
  void aProgramRunsInTheNewWorktreeAndTheShellStaysThere() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("hn"), HN);
    Map<String, String> path = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    List<List<String>> shells =
        List.of(
            List.of("bash", "eval \"$(hn init-shell bash)\"", "$?"),
            List.of("zsh", "eval \"$(hn init-shell zsh)\"", "$?"),
            List.of("fish", "hn init-shell fish | source", "$status"));
    for (List<String> shell : shells) {
      String name = shell.get(0);
      String wt = "x-" + name;
      String script =
          shell.get(1)
              + "; hn add "
              + wt
              + " -x sh -- -c 'echo \"ran $WT_NAME in $(pwd)\"; exit 3'; echo \"rc="
              + shell.get(2)
              + " $PWD\"; cd "
              + repo.root()
              + "; hn switch "
              + wt
              + " -x sh -- -c 'exit 4'; echo \"rc="
              + shell.get(2)
              + " $PWD\"";
      Result result = GitRepo.exec(repo.root(), List.of(name, "-c", script), path);
      String dir = repo.worktree(wt).toString();
      assertEquals(
          List.of("ran " + wt + " in " + dir, "rc=3 " + dir, "rc=4 " + dir),
          result.stdout().lines().filter(l -> !l.startsWith("/")).toList(),
          name + ": " + result.stdout() + result.stderr());
    }
  }

  @Test
  void tabCompletionAndAnExactSwitchStartNoJava() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    assertEquals(0, hn(repo.root(), "add", "feature-x").exit());
    Path completion =
        Files.writeString(tmp.resolve("c.bash"), hn(tmp, "completion", "bash").stdout());
    Path init = Files.writeString(tmp.resolve("i.bash"), hn(tmp, "init-shell", "bash").stdout());
    // PATH holds git and grep, and an hn that only notes that it was started: no java at all
    Path bin = Files.createDirectories(tmp.resolve("no-java"));
    for (String tool : List.of("git", "grep")) {
      Path real =
          Path.of(
              GitRepo.exec(tmp, List.of("sh", "-c", "command -v " + tool), Map.of())
                  .stdout()
                  .strip());
      Files.createSymbolicLink(bin.resolve(tool), real);
    }
    Path started = tmp.resolve("hn-was-started");
    Path standIn =
        Files.writeString(bin.resolve("hn"), "#!/bin/sh\necho \"$*\" >> " + started + "\n");
    standIn.toFile().setExecutable(true);
    String script =
        "source "
            + completion
            + "; COMP_WORDS=(hn switch fe); COMP_CWORD=2; _hn_with_worktrees;"
            + " printf '%s\\n' \"${COMPREPLY[@]}\"; source "
            + init
            + "; hn switch feature-x; pwd";
    Result result =
        GitRepo.exec(
            repo.root(), List.of("/bin/bash", "-c", script), Map.of("PATH", bin.toString()));
    assertEquals(0, result.exit(), result.stderr());
    assertEquals(
        List.of("feature-x", repo.worktree("feature-x").toString()),
        result.stdout().lines().toList());
    assertFalse(Files.exists(started), "neither TAB nor an exact switch started hn");

    Result fuzzy =
        GitRepo.exec(
            repo.root(),
            List.of("/bin/bash", "-c", "source " + init + "; hn switch feat"),
            Map.of("PATH", bin.toString()));
    assertEquals("switch --for-shell feat\n", Files.readString(started), fuzzy.stderr());
  }
}
