package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Each worktree command against a real git repository in a temporary folder. */
@HnTest
class WorktreeCommandsTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  @Test
  void removeNamesProgramsStillRunningInTheWorktreeAndReapStopsThem(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    Path a = repo.worktree("a");
    Path sub = Files.createDirectories(a.resolve("sub"));
    Process inside = new ProcessBuilder("sleep", "1000").directory(sub.toFile()).start();
    Process elsewhere = new ProcessBuilder("sleep", "1001").directory(tmp.toFile()).start();
    // ignores SIGTERM, as a stuck dev server might: killed once the grace period is over
    Process stubborn =
        new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 1002").directory(a.toFile()).start();
    try {
      LaunchResult refused = hn.launch("-C", root, "remove", "a");
      assertEquals(1, refused.exitCode());
      assertTrue(
          refused.getErrorOutput().contains(inside.pid() + " (")
              && refused.getErrorOutput().contains("sleep 1000)")
              && refused.getErrorOutput().contains("--reap"),
          refused.getErrorOutput());
      assertFalse(refused.getErrorOutput().contains("1001"), "a program elsewhere was named");
      assertTrue(Files.isDirectory(a));

      LaunchResult reaped = hn.launch("-C", root, "remove", "a", "--reap", "--grace", "1");
      assertOk(reaped);
      assertTrue(inside.waitFor(5, java.util.concurrent.TimeUnit.SECONDS), "still running");
      assertTrue(stubborn.waitFor(5, java.util.concurrent.TimeUnit.SECONDS), "not killed");
      assertTrue(
          reaped.getErrorOutput().contains("killed after the grace period"),
          reaped.getErrorOutput());
      assertTrue(elsewhere.isAlive(), "a program outside the worktree was stopped");
      assertFalse(Files.exists(a));
    } finally {
      for (Process p : List.of(inside, elsewhere, stubborn)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  @Test
  void unsafeNamesAreRefusedAndNothingIsCreated(QuarkusMainLauncher hn) {
    Path marker = tmp.resolve("pwned");
    for (String name : new String[] {"x; touch " + marker, "../evil", "-rf", "a/b", "$(id)", ""}) {
      LaunchResult result = hn.launch("-C", root, "add", "--", name);
      assertEquals(1, result.exitCode(), name);
      assertTrue(result.getErrorOutput().contains("letters, digits"), result.getErrorOutput());
    }
    assertFalse(Files.exists(marker));
    assertFalse(Files.exists(repo.worktree("x")));
    assertFalse(Files.exists(repo.root().resolveSibling("app-worktrees")));
    assertEquals("main", repo.git("branch", "--format=%(refname:short)"));
  }

  @Test
  void helpVersionAndScriptsNeverOpenTheDatabase(QuarkusMainLauncher hn) {
    for (String[] args :
        List.of(
            new String[] {"--version"},
            new String[] {"--help"},
            new String[] {"add", "--help"},
            new String[] {"ports", "list", "--help"},
            new String[] {"completion", "bash"},
            new String[] {"init-shell", "zsh"})) {
      List<String> argv = new java.util.ArrayList<>(List.of("-C", root));
      argv.addAll(List.of(args));
      assertOk(hn.launch(argv.toArray(String[]::new)));
    }
    assertFalse(Files.exists(repo.root().resolve(".hn-state/hn.db")), "no database, no Flyway");
  }

  @Test
  void aMissingDashCFolderIsAUsageErrorInOneLine(QuarkusMainLauncher hn) {
    LaunchResult result = hn.launch("-C", tmp.resolve("nowhere").toString(), "list");
    assertEquals(2, result.exitCode());
    assertEquals(
        List.of("No such directory: " + tmp.resolve("nowhere") + ".", "Run 'hn --help' for usage."),
        result.getErrorOutput().lines().toList());
  }

  /** The state a `kill -9` during `hn add` leaves: the intent row of a process that is gone. */
  private void interruptedAdd(String name, String createdAt) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + repo.root().resolve(".hn-state/hn.db"));
    try (Connection c = source.getConnection()) {
      java.sql.PreparedStatement s =
          c.prepareStatement(
              "UPDATE worktrees SET state = 'creating', owner_pid = ?, owner_started = 'gone',"
                  + " created_branch_at = ? WHERE name = ?");
      s.setLong(1, gone.pid());
      s.setString(2, createdAt);
      s.setString(3, name);
      assertEquals(1, s.executeUpdate());
    }
  }

  @Test
  void anInterruptedAddIsRolledBackAndABranchThatMovedOnIsKept(QuarkusMainLauncher hn)
      throws Exception {
    String start = repo.git("rev-parse", "HEAD");
    assertOk(hn.launch("-C", root, "add", "half"));
    assertOk(hn.launch("-C", root, "add", "moved"));
    GitRepo.gitIn(repo.worktree("moved"), "commit", "-q", "--allow-empty", "-m", "work");
    interruptedAdd("half", start);
    interruptedAdd("moved", start);

    LaunchResult list = hn.launch("-C", root, "list", "--names");
    assertOk(list);
    assertEquals(List.of("main"), list.getOutput().lines().toList());
    String err = list.getErrorOutput();
    assertTrue(err.contains("rolled back 'half', whose 'hn add' was interrupted"), err);
    assertTrue(err.contains("branch moved has new commits, so hn kept it"), err);
    assertFalse(Files.exists(repo.worktree("half")));
    assertEquals("", repo.git("branch", "--list", "half"), "the untouched branch goes");
    assertFalse(repo.git("branch", "--list", "moved").isEmpty(), "the moved branch stays");
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/half")));
    LaunchResult again = hn.launch("-C", root, "list");
    assertFalse(again.getErrorOutput().contains("interrupted"), "recovered once");
  }

  @Test
  void namesThatDifferOnlyInCaseAreRefused(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "feat"));
    LaunchResult clash = hn.launch("-C", root, "add", "Feat");
    assertEquals(1, clash.exitCode());
    assertTrue(clash.getErrorOutput().contains("differ only in case"), clash.getErrorOutput());
    assertFalse(Files.exists(repo.worktree("Feat")));
  }

  @Test
  void namesGitUsesForItsOwnRefsAreRefused(QuarkusMainLauncher hn) {
    LaunchResult head = hn.launch("-C", root, "add", "HEAD");
    assertEquals(1, head.exitCode());
    assertTrue(head.getErrorOutput().contains("git uses"), head.getErrorOutput());
  }

  @Test
  void aLockedWorktreeIsRefusedAndKeepsItsPorts(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "locked"));
    assertOk(hn.launch("-C", root, "ports", "allocate", "locked", "web:80"));
    repo.git("worktree", "lock", "--reason", "on a USB disk", repo.worktree("locked").toString());
    LaunchResult remove = hn.launch("-C", root, "remove", "locked", "--force");
    assertEquals(1, remove.exitCode());
    assertTrue(remove.getErrorOutput().contains("git worktree unlock"), remove.getErrorOutput());
    assertTrue(Files.isDirectory(repo.worktree("locked")));
    JsonNode ports = json(hn.launch("-C", root, "ports", "show", "locked", "--json"));
    assertEquals(1, ports.get("allocations").size(), ports.toString());
    assertTrue(Files.isDirectory(repo.root().resolve(".hn-state/worktrees/locked")));

    repo.git("worktree", "unlock", repo.worktree("locked").toString());
    assertOk(hn.launch("-C", root, "remove", "locked"));
    assertEquals(
        0,
        json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size(),
        "the ports go once git has removed the worktree");
  }

  @Test
  void addStartsFromHeadOfWhereHnRunsOrFromRef(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "a"));
    Path a = repo.worktree("a");
    GitRepo.gitIn(a, "commit", "-q", "--allow-empty", "-m", "work in a");
    String aHead = GitRepo.gitIn(a, "rev-parse", "HEAD");

    assertOk(hn.launch("-C", a.resolve("").toString(), "add", "from-a"));
    assertEquals(aHead, GitRepo.gitIn(repo.worktree("from-a"), "rev-parse", "HEAD"));

    assertOk(hn.launch("-C", a.toString(), "add", "from-main", "--from", "main"));
    assertEquals(
        repo.git("rev-parse", "main"),
        GitRepo.gitIn(repo.worktree("from-main"), "rev-parse", "HEAD"));

    LaunchResult bad = hn.launch("-C", root, "add", "nope", "--from", "no-such-ref");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.getErrorOutput().contains("no-such-ref"), bad.getErrorOutput());
    assertFalse(Files.exists(repo.worktree("nope")));
  }

  @Test
  void noBranchChecksOutAnExistingBranch(QuarkusMainLauncher hn) {
    repo.git("branch", "existing");
    assertOk(hn.launch("-C", root, "add", "existing", "--no-branch"));
    assertEquals("existing", GitRepo.gitIn(repo.worktree("existing"), "branch", "--show-current"));

    LaunchResult missing = hn.launch("-C", root, "add", "ghost", "--no-branch");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.getErrorOutput().contains("no branch 'ghost'"), missing.getErrorOutput());

    LaunchResult taken = hn.launch("-C", root, "add", "main2");
    assertOk(taken);
    LaunchResult again = hn.launch("-C", root, "add", "main2");
    assertEquals(1, again.exitCode());
    assertTrue(again.getErrorOutput().contains("already exists"), again.getErrorOutput());
  }

  @Test
  void stateLivesInIgnoredFolderAndDatabase(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    assertEquals("*\n", Files.readString(repo.root().resolve(".hn-state/.gitignore")));
    assertEquals("", repo.git("status", "--porcelain"));
    assertTrue(Files.isDirectory(repo.root().resolve(".hn-state/worktrees/a")));
    SQLiteDataSource db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + repo.root().resolve(".hn-state/hn.db"));
    try (Connection c = db.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT r.root_path, w.name, w.parent, w.created_at FROM worktrees w"
                        + " JOIN repositories r ON r.id = w.repository_id")) {
      assertTrue(rs.next());
      assertEquals(root, rs.getString(1));
      assertEquals("a", rs.getString(2));
      assertEquals("main", rs.getString(3));
      assertTrue(rs.getString(4).startsWith("20"));
    }
  }

  @Test
  void listMarksCurrentWorktreeAndPrintsJson(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    Path sub = Files.createDirectories(repo.worktree("a").resolve("deep/dir"));
    LaunchResult text = hn.launch("-C", sub.toString(), "list");
    assertOk(text);
    String aLine =
        text.getOutput()
            .lines()
            .filter(l -> l.contains(repo.worktree("a").toString()))
            .findFirst()
            .orElseThrow();
    assertTrue(aLine.startsWith("*"), text.getOutput());
    assertTrue(aLine.matches("\\*\\s+a\\s+a\\s+[0-9a-f]{7}\\s+.*"), aLine);

    JsonNode worktrees = json(hn.launch("-C", sub.toString(), "list", "--json")).get("worktrees");
    assertEquals(2, worktrees.size());
    JsonNode main = worktrees.get(0);
    assertEquals("main", main.get("name").asText());
    assertTrue(main.get("main").asBoolean());
    assertTrue(worktrees.get(1).get("current").asBoolean());
    for (String field :
        new String[] {"name", "branch", "commit", "path", "parent", "missing", "createdAt"}) {
      assertTrue(worktrees.get(1).has(field), field);
    }
  }

  @Test
  void infoDefaultsToCurrentWorktreeAndSummarisesStatus(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "feature"));
    Path wt = repo.worktree("feature");
    Files.writeString(wt.resolve("README.md"), "changed\n");
    Files.writeString(wt.resolve("new.txt"), "new\n");
    Files.writeString(wt.resolve("other.txt"), "new\n");

    JsonNode info = json(hn.launch("-C", wt.toString(), "info", "--json"));
    assertEquals("feature", info.get("name").asText());
    assertEquals("main", info.get("parent").asText());
    assertFalse(info.get("status").get("clean").asBoolean());
    assertEquals(1, info.get("status").get("modified").asInt());
    assertEquals(2, info.get("status").get("untracked").asInt());
    assertEquals(
        repo.root().resolve(".hn-state/worktrees/feature").toString(),
        info.get("stateDir").asText());

    LaunchResult text = hn.launch("-C", root, "info", "FEAT");
    assertOk(text);
    assertTrue(text.getOutput().contains("1 modified, 2 untracked"), text.getOutput());
    JsonNode main = json(hn.launch("-C", root, "info", "--json"));
    assertEquals(
        java.util.List.of("feature"), java.util.List.of(main.get("children").get(0).asText()));
  }

  @Test
  void switchMatchesFuzzilyAndExplainsMisses(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "feat-login"));
    assertOk(hn.launch("-C", root, "add", "feat-logout"));
    assertOk(hn.launch("-C", root, "add", "Bugfix"));

    assertEquals(
        repo.worktree("Bugfix").toString(),
        hn.launch("-C", root, "switch", "bugfix").getOutput().strip());
    assertEquals(
        repo.worktree("feat-logout").toString(),
        hn.launch("-C", root, "switch", "logout").getOutput().strip());
    assertEquals(root, hn.launch("-C", root, "switch", "main").getOutput().strip());

    LaunchResult ambiguous = hn.launch("-C", root, "switch", "feat");
    assertEquals(1, ambiguous.exitCode());
    assertTrue(
        ambiguous.getErrorOutput().contains("feat-login, feat-logout"), ambiguous.getErrorOutput());

    assertEquals(
        repo.worktree("Bugfix").toString(),
        hn.launch("-C", root, "switch", "bgfx").getOutput().strip(),
        "its letters in order");
    LaunchResult unknown = hn.launch("-C", root, "switch", "bugifx");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.getErrorOutput().contains("did you mean Bugfix?"), unknown.getErrorOutput());
  }

  @Test
  void removeRefusesUncommittedChangesAndDeletesBranchOnRequest(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "dirty"));
    Files.writeString(repo.worktree("dirty").resolve("scratch.txt"), "x");
    LaunchResult refused = hn.launch("-C", root, "remove", "dirty");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.getErrorOutput().contains("uncommitted changes"), refused.getErrorOutput());
    assertTrue(Files.exists(repo.worktree("dirty").resolve("scratch.txt")));

    assertOk(hn.launch("-C", root, "remove", "dirty", "--force"));
    assertFalse(Files.exists(repo.worktree("dirty")));
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/dirty")));
    assertEquals("dirty", repo.git("branch", "--list", "dirty").replace("*", "").strip());

    assertOk(hn.launch("-C", root, "add", "gone"));
    assertOk(hn.launch("-C", root, "remove", "gone", "--delete-branch"));
    assertEquals("", repo.git("branch", "--list", "gone"));

    LaunchResult main = hn.launch("-C", root, "remove", "main");
    assertEquals(1, main.exitCode());
    assertTrue(main.getErrorOutput().contains("main checkout"), main.getErrorOutput());
  }

  @Test
  void pruneRemovesStateOfWorktreesDeletedBehindGitsBack(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "keep"));
    assertOk(hn.launch("-C", root, "add", "doomed"));
    assertOk(hn.launch("-C", root, "ports", "allocate", "doomed", "web:80"));
    io.hannahanna.hn.worktree.Worktrees.deleteTree(repo.worktree("doomed"));

    LaunchResult dry = hn.launch("-C", root, "prune", "--dry-run");
    assertOk(dry);
    assertEquals("doomed", dry.getOutput().strip());
    assertTrue(Files.exists(repo.root().resolve(".hn-state/worktrees/doomed")));

    JsonNode pruned = json(hn.launch("-C", root, "prune", "--json"));
    assertEquals("doomed", pruned.get("pruned").get(0).asText());
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/doomed")));
    assertTrue(Files.exists(repo.root().resolve(".hn-state/worktrees/keep")));
    assertEquals(
        0,
        json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size(),
        "the pruned worktree's ports are free");
    JsonNode list = json(hn.launch("-C", root, "list", "--json")).get("worktrees");
    assertEquals(2, list.size());
    assertEquals("", hn.launch("-C", root, "prune").getOutput().strip());
  }

  @Test
  void outsideARepositoryHnSaysSo(QuarkusMainLauncher hn) {
    LaunchResult result = hn.launch("-C", tmp.toString(), "list");
    assertEquals(1, result.exitCode());
    assertTrue(
        result.getErrorOutput().contains("Not inside a git repository"), result.getErrorOutput());
    assertFalse(result.getErrorOutput().contains("at io."), "no stack trace");
  }

  @Test
  void usageErrorsExitTwoWithSuggestion(QuarkusMainLauncher hn) {
    LaunchResult unknown = hn.launch("-C", root, "lst");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.getErrorOutput().contains("list"), unknown.getErrorOutput());

    LaunchResult option = hn.launch("-C", root, "add", "x", "--form", "main");
    assertEquals(2, option.exitCode());
    assertTrue(option.getErrorOutput().contains("--from"), option.getErrorOutput());

    LaunchResult missing = hn.launch("-C", root, "switch");
    assertEquals(2, missing.exitCode());
    assertTrue(
        missing.getErrorOutput().contains("Missing required parameter"), missing.getErrorOutput());
    assertTrue(missing.getErrorOutput().contains("Usage: hn switch"), missing.getErrorOutput());
  }

  @Test
  void verboseShowsTheStackTrace(QuarkusMainLauncher hn) {
    LaunchResult plain = hn.launch("-C", root, "switch", "nothing");
    assertEquals(1, plain.exitCode());
    assertEquals(1, plain.getErrorOutput().strip().lines().count(), plain.getErrorOutput());

    LaunchResult verbose = hn.launch("-C", root, "switch", "nothing", "--verbose");
    assertEquals(1, verbose.exitCode());
    assertTrue(verbose.getErrorOutput().contains("at io.hannahanna"), verbose.getErrorOutput());
  }

  @Test
  void helpAndVersionPrintToStdout(QuarkusMainLauncher hn) {
    LaunchResult version = hn.launch("--version");
    assertOk(version);
    assertTrue(version.getOutput().startsWith("hn "), version.getOutput());
    for (String command :
        new String[] {
          "add", "list", "info", "switch", "remove", "prune", "init-shell", "completion"
        }) {
      LaunchResult help = hn.launch(command, "--help");
      assertOk(help);
      assertTrue(help.getOutput().startsWith("Usage: hn " + command), help.getOutput());
      assertTrue(help.getOutput().contains("Example"), command + " has an example");
    }
    for (String shell : new String[] {"bash", "zsh", "fish"}) {
      LaunchResult completion = hn.launch("completion", shell);
      assertOk(completion);
      assertTrue(completion.getOutput().contains("git worktree list --porcelain"), shell);
    }
    assertOk(hn.launch("-C", root, "add", "listed"));
    assertEquals("main\nlisted", hn.launch("-C", root, "list", "--names").getOutput().strip());
  }
}
