package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.StandInDocker;
import io.hannahanna.hn.support.Trusted;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every hook point, conditional hooks, hannahanna's variables and the hook timeout. */
@HnTest
class HookPointsTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;
  Path log;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    log = tmp.resolve("hooks.log");
  }

  @AfterEach
  void forgetStandIn() {
    System.clearProperty("hn.docker");
  }

  private void trustedConfig(String yaml) {
    repo.write(".hannahanna.yml", yaml);
    Trusted.config(repo.root());
  }

  /** A hook that appends its point, the given variables and its folder to the log. */
  private String logs(String point, String variables) {
    return "echo \"" + point + " " + variables + " $(pwd)\" >> " + log;
  }

  private List<String> logged() throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** hannahanna's conditional hooks, as its documentation writes them, run after the plain one. */
  @Test
  void hannahannasConditionalHooksRunWhereTheirConditionHolds(QuarkusMainLauncher hn)
      throws Exception {
    trustedConfig(
        "hooks:\n  post_create: "
            + logs("plain", "$HNHN_NAME")
            + "\n  post_create_conditions:\n"
            + "    - condition: \"branch.startsWith('feature-')\"\n      command: "
            + logs("starts", "$HNHN_NAME")
            + "\n    - condition: \"branch.endsWith('-prod')\"\n      command: "
            + logs("ends", "$HNHN_NAME")
            + "\n    - condition: 'branch.contains(\"api\")'\n      command: "
            + logs("contains", "$HNHN_NAME")
            + "\n  pre_remove_conditions:\n"
            + "    - condition: \"branch.startsWith('feature-')\"\n      command: "
            + logs("pre_remove", "$HNHN_NAME")
            + "\n");
    LaunchResult add = hn.launch("-C", root, "add", "feature-api");
    assertOk(add);
    assertTrue(
        add.getErrorOutput().contains("hooks.post_create_conditions is hannahanna's spelling"),
        add.getErrorOutput());
    assertOk(hn.launch("-C", root, "add", "deploy-prod"));
    assertOk(hn.launch("-C", root, "add", "bugfix"));
    assertOk(hn.launch("-C", root, "remove", "feature-api"));
    assertOk(hn.launch("-C", root, "remove", "bugfix"));
    List<String> ran = logged().stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
    assertEquals(
        List.of(
            "plain feature-api",
            "starts feature-api",
            "contains feature-api",
            "plain deploy-prod",
            "ends deploy-prod",
            "plain bugfix",
            "pre_remove feature-api"),
        ran);
  }

  @Test
  void aConditionHannahannaDoesNotHaveIsAConfigErrorWhereItIsWritten(QuarkusMainLauncher hn) {
    repo.write(
        ".hannahanna.yml",
        "hooks:\n  post_create_conditions:\n"
            + "    - condition: \"branch.matches('x.*')\"\n      command: echo no\n");
    LaunchResult add = hn.launch("-C", root, "add", "x");
    assertEquals(1, add.exitCode());
    assertTrue(
        add.getErrorOutput().contains(".hannahanna.yml:3:18: hooks.post_create_conditions[0]"),
        add.getErrorOutput());
    assertTrue(add.getErrorOutput().contains("branch.startsWith('…')"), add.getErrorOutput());
  }

  @Test
  void whatPreRemoveLeftInTheWorktreeStopsAPlainRemove(QuarkusMainLauncher hn) throws Exception {
    trustedConfig("hooks:\n  pre_remove: echo saved > dump.sql\n");
    assertOk(hn.launch("-C", root, "add", "x"));
    LaunchResult remove = hn.launch("-C", root, "remove", "x");
    assertEquals(1, remove.exitCode());
    assertTrue(
        remove.getErrorOutput().contains("uncommitted changes since pre_remove ran"),
        remove.getErrorOutput());
    assertEquals("saved\n", Files.readString(repo.worktree("x").resolve("dump.sql")));
    assertOk(hn.launch("-C", root, "remove", "x", "--force"));
  }

  @Test
  void aFailingPreCreateHookCreatesNothing(QuarkusMainLauncher hn) throws Exception {
    trustedConfig(
        "hooks:\n  pre_create: |\n    "
            + logs("pre_create", "$WT_NAME $WT_BRANCH $WT_REPO_ROOT")
            + "\n    exit 4\n");
    LaunchResult add = hn.launch("-C", root, "add", "never");
    assertEquals(1, add.exitCode());
    assertTrue(add.getErrorOutput().contains("pre_create hook failed with exit code 4"));
    assertEquals(List.of("pre_create never never " + root + " " + root), logged());
    assertFalse(Files.exists(repo.worktree("never")));
    assertEquals("", repo.git("branch", "--list", "never"));
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/never")));
  }

  @Test
  void hooksGetTheCommitAndHannahannasNamesAndPostRemoveRuns(QuarkusMainLauncher hn)
      throws Exception {
    trustedConfig(
        "hooks:\n"
            + "  post_create: '"
            + logs("post_create", "$WT_COMMIT $HNHN_NAME $HNHN_COMMIT $WT_REPO_ROOT")
            + "'\n  pre_remove: '"
            + logs("pre_remove", "$HNHN_PATH")
            + "'\n  post_remove: '"
            + logs("post_remove", "$WT_NAME $WT_PATH")
            + "'\n");
    assertOk(hn.launch("-C", root, "add", "a"));
    String commit = repo.git("rev-parse", "--short=7", "HEAD").strip();
    Path wt = repo.worktree("a");
    assertOk(hn.launch("-C", root, "remove", "a"));
    assertEquals(
        List.of(
            "post_create " + commit + " a " + commit + " " + root + " " + wt,
            "pre_remove " + wt + " " + wt,
            "post_remove a " + wt + " " + root),
        logged());
  }

  @Test
  void conditionalHooksRunWhereTheirGlobMatches(QuarkusMainLauncher hn) throws Exception {
    trustedConfig(
        "hooks:\n  post_create:\n"
            + "    - when: {branch: \"feature-*\"}\n      run: '"
            + logs("feature", "$WT_NAME")
            + "'\n    - when: {name: \"fix-?\"}\n      run: '"
            + logs("fix", "$WT_NAME")
            + "'\n    - run: '"
            + logs("always", "$WT_NAME")
            + "'\n");
    for (String name : List.of("feature-x", "fix-1", "other")) {
      assertOk(hn.launch("-C", root, "add", name));
    }
    List<String> lines = logged().stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
    assertEquals(
        List.of(
            "feature feature-x", "always feature-x", "fix fix-1", "always fix-1", "always other"),
        lines);
  }

  @Test
  void aHookPastItsTimeoutIsKilledWithEverythingItStarted(QuarkusMainLauncher hn) throws Exception {
    Path pids = tmp.resolve("pids");
    // one sleeper stays a child of the hook's shell, the other is left to init by its subshell:
    // only killing the process group reaches both
    trustedConfig(
        "hooks:\n  timeout: 1s\n  post_create: |\n"
            + "    (sleep 300 & echo $! >> "
            + pids
            + ")\n    sleep 301 &\n    echo $! >> "
            + pids
            + "\n    wait\n");
    long start = System.nanoTime();
    LaunchResult add = hn.launch("-C", root, "add", "slow");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(1, add.exitCode(), add.getErrorOutput());
    assertTrue(
        add.getErrorOutput().contains("post_create hook did not finish within 1s")
            && add.getErrorOutput().contains("setsid"),
        add.getErrorOutput());
    assertTrue(seconds < 60, "stopped at its timeout, not at the sleeper's end: " + seconds);
    assertFalse(Files.exists(repo.worktree("slow")), "rolled back as a failing hook is");
    List<String> sleepers = Files.readAllLines(pids);
    assertEquals(2, sleepers.size(), sleepers.toString());
    for (String pid : sleepers) {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (ProcessHandle.of(Long.parseLong(pid.strip())).map(ProcessHandle::isAlive).orElse(false)
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(
          ProcessHandle.of(Long.parseLong(pid.strip())).map(ProcessHandle::isAlive).orElse(false),
          "sleeper " + pid + " is gone");
    }
  }

  @Test
  void aHooksOwnTimeoutWinsOverTheHooksTimeout(QuarkusMainLauncher hn) {
    trustedConfig(
        "hooks:\n  timeout: 10m\n  post_create:\n    - run: sleep 30\n      timeout: 500ms\n");
    LaunchResult add = hn.launch("-C", root, "add", "slow");
    assertEquals(1, add.exitCode());
    assertTrue(add.getErrorOutput().contains("did not finish within 500ms"), add.getErrorOutput());
  }

  @Test
  void hannahannasTimeoutInSecondsWorksWithANotice(QuarkusMainLauncher hn) {
    trustedConfig("hooks:\n  timeout_seconds: 1\n  post_create: sleep 30\n");
    LaunchResult add = hn.launch("-C", root, "add", "slow");
    assertEquals(1, add.exitCode());
    assertTrue(add.getErrorOutput().contains("did not finish within 1s"), add.getErrorOutput());
    assertTrue(
        add.getErrorOutput()
            .contains(
                "hooks.timeout_seconds 1 is hannahanna's spelling; hn's is" + " hooks.timeout: 1s"),
        add.getErrorOutput());
  }

  @Test
  void theUsersOwnHooksRunUntrustedTheLocalFilesNeedTrust(QuarkusMainLauncher hn) throws Exception {
    Path userConfig = Path.of(System.getenv("XDG_CONFIG_HOME"), "hn", "config.yml");
    Files.createDirectories(userConfig.getParent());
    Files.writeString(userConfig, "hooks:\n  post_create: '" + logs("user", "$WT_NAME") + "'\n");
    try {
      repo.write(
          ".hannahanna.local.yml", "hooks:\n  post_create: '" + logs("local", "$WT_NAME") + "'\n");
      LaunchResult add = hn.launch("-C", root, "add", "a");
      assertOk(add);
      assertEquals(List.of("user a " + repo.worktree("a")), logged());
      assertTrue(add.getErrorOutput().contains("skipped hooks.post_create"), add.getErrorOutput());

      Trusted.config(repo.root());
      assertOk(hn.launch("-C", root, "add", "b"));
      assertEquals(
          List.of("user b " + repo.worktree("b"), "local b " + repo.worktree("b")),
          logged().subList(1, 3));
    } finally {
      Files.delete(userConfig);
    }
  }

  @Test
  void dockerStartRunsItsHooksAroundTheStart(QuarkusMainLauncher hn) throws Exception {
    StandInDocker docker = StandInDocker.in(tmp);
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    trustedConfig(
        "docker:\n  enabled: true\n  compose_command: "
            + docker.compose()
            + "\nhooks:\n  pre_docker_start: '"
            + logs("pre_docker_start", "$WT_NAME $WT_PORTS_WEB $WT_COMPOSE_PROJECT")
            + "'\n  post_docker_start: '"
            + logs("post_docker_start", "$HNHN_NAME")
            + "'\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    Trusted.config(repo.root());
    assertOk(hn.launch("-C", root, "add", "a"));
    assertOk(hn.launch("-C", root, "docker", "start", "a"));
    List<String> lines = logged();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("pre_docker_start a \\d+ \\S+-a .*"), lines.get(0));
    assertTrue(lines.get(1).startsWith("post_docker_start a "), lines.get(1));
  }
}
