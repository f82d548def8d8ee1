package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloned repository written by an attacker, second round: each test is one way in that must stay
 * shut. The repository's config is never trusted here unless a test says so.
 */
@HnTest
class HostileRepositoryTest {
  @TempDir Path tmp;
  @TempDir Path outsideTmp;
  GitRepo repo;
  String root;
  StandInDocker docker;
  Path marker;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    docker = StandInDocker.in(tmp);
    marker = tmp.resolve("pwned");
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
  }

  @AfterEach
  void forgetStandIn() {
    System.clearProperty("hn.docker");
    System.clearProperty("hn.compose");
  }

  /** The stand-in compose as the user's own choice (HN_COMPOSE), so no trust is involved. */
  private Path composeLog() {
    System.setProperty("hn.compose", docker.compose().toString());
    return tmp.resolve("compose.log");
  }

  private static String read(Path file) throws Exception {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private void commitConfig(String yaml) {
    repo.write(".hannahanna.yml", yaml);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "config");
  }

  /** Evaluates text in a real bash as the README says (`eval "$(hn env …)"`). */
  private GitRepo.Result evalInBash(String text) {
    return GitRepo.exec(tmp, List.of("bash", "-c", "eval \"$1\"", "bash", text), Map.of());
  }

  @Test
  void dockerEnvKeysThatAreNotVariableNamesAreRefusedWhereTheConfigIsRead(QuarkusMainLauncher hn) {
    for (String key :
        List.of(
            "X=1; touch " + marker + "; Y",
            "$(touch " + marker + ")",
            "`touch " + marker + "`",
            "A\\nB",
            "1ABC")) {
      commitConfig(
          "docker:\n  enabled: true\n  env:\n    OK: fine\n    \""
              + key.replace("\\", "\\\\").replace("\"", "\\\"")
              + "\": v\n");
      LaunchResult env = hn.launch("-C", root, "env", "--format", "shell");
      assertNotEquals(0, env.exitCode(), key + ": " + env.getOutput());
      assertTrue(
          env.getErrorOutput().contains(".hannahanna.yml:5:5")
              && env.getErrorOutput().contains("variable name"),
          env.getErrorOutput());
      evalInBash(env.getOutput());
      assertFalse(Files.exists(marker), "evaluating hn env ran the repository's code: " + key);
    }
  }

  @Test
  void valuesStayQuotedForShellsInEveryFormat(QuarkusMainLauncher hn) throws Exception {
    String value = "a'b\"c`touch " + marker + "`$(touch " + marker + ")${HOME}\\n";
    commitConfig(
        "docker:\n  enabled: true\n  compose_command: "
            + docker.compose()
            + "\n  env:\n    V: \""
            + value.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"\n");
    Trusted.config(repo.root());
    assertOk(hn.launch("-C", root, "add", "x"));
    for (String format : List.of("shell", "dotenv")) {
      LaunchResult env = hn.launch("-C", root, "env", "x", "--format", format);
      assertOk(env);
      // a shell that sources the dotenv output (set -a; . file) reads it as sh
      GitRepo.Result read =
          GitRepo.exec(
              tmp,
              List.of("bash", "-c", "eval \"$1\"; printf '%s' \"$V\"", "bash", env.getOutput()),
              Map.of());
      assertEquals(value, read.stdout(), format + ": " + env.getOutput() + read.stderr());
      assertFalse(Files.exists(marker), format + " ran a backtick or $(…): " + env.getOutput());
    }
  }

  /** Makes the main checkout's branch one named like a git option, as a clone's default can be. */
  private String optionLikeDefaultBranch() {
    String evil = "--exec=touch${IFS}" + marker;
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose file");
    repo.git("update-ref", "refs/heads/" + evil, "HEAD");
    repo.git("symbolic-ref", "HEAD", "refs/heads/" + evil);
    repo.git("branch", "-D", "main");
    return evil;
  }

  @Test
  void aBranchNamedLikeAnOptionReachesGitAsARef(QuarkusMainLauncher hn) throws Exception {
    String evil = optionLikeDefaultBranch();
    Path w = repo.worktree("w");
    assertOk(hn.launch("-C", root, "add", "w"));
    GitRepo.gitIn(w, "branch", "--set-upstream-to=" + evil);
    Files.writeString(repo.root().resolve("main.txt"), "main\n");
    repo.git("add", "main.txt");
    repo.git("commit", "-q", "-m", "on the default branch");
    Files.writeString(w.resolve("w.txt"), "w\n");
    GitRepo.gitIn(w, "add", "w.txt");
    GitRepo.gitIn(w, "commit", "-q", "-m", "on w");

    LaunchResult rebase = hn.launch("-C", root, "sync", "w", "--strategy", "rebase");
    assertFalse(Files.exists(marker), "git rebase took the branch for --exec");
    assertOk(rebase);
    assertTrue(Files.exists(w.resolve("main.txt")), "rebased onto the default branch");

    repo.git("commit", "-q", "--allow-empty", "-m", "more on the default branch");
    assertOk(hn.launch("-C", root, "sync", "w"));
    assertEquals(
        repo.git("rev-parse", "HEAD"),
        GitRepo.gitIn(w, "rev-parse", "HEAD^2"),
        "merged the default branch");

    repo.git("commit", "-q", "--allow-empty", "-m", "and more");
    // the main checkout's name in hn is its branch
    assertOk(hn.launch("-C", root, "integrate", "--into", "w", "--", evil));
    assertEquals(repo.git("rev-parse", "HEAD"), GitRepo.gitIn(w, "rev-parse", "HEAD^2"));
    assertFalse(Files.exists(marker));
  }

  @Test
  void aWorktreeDirThroughALinkInASiblingWorktreeNeedsTrust(QuarkusMainLauncher hn)
      throws Exception {
    // outside the folder that holds the repository (a folder beside it needs no trust)
    Path elsewhere = Files.createDirectories(outsideTmp.resolve("elsewhere"));
    Files.createSymbolicLink(repo.root().resolve("link"), elsewhere);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "a link");
    assertOk(hn.launch("-C", root, "add", "dev"));
    // a later pull brings a worktree_dir that runs through the sibling worktree's link
    commitConfig("worktree_dir: ../{repo}-worktrees/dev/link\n");

    LaunchResult show = hn.launch("-C", root, "trust", "--show");
    assertTrue(show.getOutput().contains("worktree_dir:\n"), show.getOutput());
    LaunchResult y = hn.launch("-C", root, "add", "y");
    assertOk(y);
    assertFalse(Files.exists(elsewhere.resolve("y")), y.getErrorOutput());
    assertTrue(Files.isDirectory(repo.worktree("y")), "the default place, untrusted");
  }

  @Test
  void aNewlineInAFolderNameForgesNoWorktree(QuarkusMainLauncher hn) throws Exception {
    commitConfig("worktree_dir: \"../x\\nworktree " + tmp.resolve("evil") + "\"\n");
    LaunchResult add = hn.launch("-C", root, "add", "y");
    assertNotEquals(0, add.exitCode());
    assertTrue(
        add.getErrorOutput().contains(".hannahanna.yml:1:15")
            && add.getErrorOutput().contains("control characters"),
        add.getErrorOutput());
    repo.git("rm", "-q", ".hannahanna.yml");
    repo.git("commit", "-q", "-m", "no config");

    // one made by git itself, as a clone's scripts could
    repo.git("worktree", "add", "-q", "-b", "z", "../z\nworktree " + tmp.resolve("evil"));
    Files.createDirectories(tmp.resolve("evil"));
    LaunchResult list = hn.launch("-C", root, "list", "--json");
    assertOk(list);
    assertFalse(list.getOutput().contains("\"" + tmp.resolve("evil") + "\""), list.getOutput());
  }

  @Test
  void anUntrustedAutoStartPreparesTheStackButStartsNothing(QuarkusMainLauncher hn)
      throws Exception {
    Path log = composeLog();
    commitConfig("docker:\n  enabled: true\n  auto_start: true\n");
    LaunchResult add = hn.launch("-C", root, "add", "x");
    assertOk(add);
    assertTrue(Files.exists(repo.root().resolve(".hn-state/worktrees/x/compose.yml")));
    assertFalse(read(log).contains(" up "), read(log));
    String err = add.getErrorOutput();
    assertTrue(err.contains("did not start") && err.contains("'hn docker start x'"), err);
    assertTrue(err.contains("hn trust"), err);
    assertTrue(hn.launch("-C", root, "trust", "--show").getOutput().contains("docker.auto_start"));

    // the user's own request still starts it
    assertOk(hn.launch("-C", root, "add", "y", "--docker"));
    assertTrue(read(log).contains(" up -d"), read(log));
    // and once trusted, auto_start takes effect
    Trusted.config(repo.root());
    Files.delete(log);
    assertOk(hn.launch("-C", root, "add", "z"));
    assertTrue(read(log).contains(" up -d"), read(log));
  }

  @Test
  void anUntrustedProjectNameIsNotUsedAndATrustedOneKeepsTheRepositorysOwnPart(
      QuarkusMainLauncher hn) throws Exception {
    composeLog();
    commitConfig("docker:\n  enabled: true\n  project_name: \"victim-b9535d-{{worktree_name}}\"\n");
    assertOk(hn.launch("-C", root, "add", "x"));
    String project =
        WorktreeAcceptanceTest.json(hn.launch("-C", root, "env", "x", "--format", "json"))
            .get("COMPOSE_PROJECT_NAME")
            .asText();
    assertTrue(project.startsWith("app-") && project.endsWith("-x"), project);
    assertTrue(
        hn.launch("-C", root, "trust", "--show").getOutput().contains("docker.project_name"));

    Trusted.config(repo.root());
    String trusted =
        WorktreeAcceptanceTest.json(hn.launch("-C", root, "env", "x", "--format", "json"))
            .get("COMPOSE_PROJECT_NAME")
            .asText();
    String hash = project.substring("app-".length(), project.length() - "-x".length());
    assertEquals("victim-b9535d-x-" + hash, trusted);
  }

  @Test
  void theEnvFileIsAFileOfHnsOwnNeverGitsOrATrackedOne(QuarkusMainLauncher hn) throws Exception {
    composeLog();
    repo.write("tracked.txt", "the user's\n");
    String gitConfig = repo.git("config", "--list", "--local");
    for (String target : List.of(".git/config", ".git", ".GIT/x", "tracked.txt")) {
      commitConfig("docker:\n  enabled: true\n  env_file: " + target + "\n");
      LaunchResult add = hn.launch("-C", root, "add", "x");
      assertNotEquals(0, add.exitCode(), target + ": " + add.getErrorOutput());
      assertTrue(
          add.getErrorOutput().contains("docker.env_file '" + target + "'"), add.getErrorOutput());
      assertEquals(gitConfig, repo.git("config", "--list", "--local"));
      assertEquals("the user's\n", Files.readString(repo.root().resolve("tracked.txt")));
    }
    // a new file is hn's: written on add, rewritten on start; one the user wrote is left alone
    commitConfig("docker:\n  enabled: true\n  env_file: .env.hn\n");
    assertOk(hn.launch("-C", root, "add", "ok"));
    Path envFile = repo.worktree("ok").resolve(".env.hn");
    assertTrue(read(envFile).contains("WT_NAME=ok"));
    assertOk(hn.launch("-C", root, "docker", "start", "ok"));
    Files.writeString(envFile, "A=mine\n");
    LaunchResult start = hn.launch("-C", root, "docker", "start", "ok");
    assertNotEquals(0, start.exitCode());
    assertTrue(
        start.getErrorOutput().contains("docker.env_file '.env.hn'"), start.getErrorOutput());
    assertEquals("A=mine\n", Files.readString(envFile));
  }

  @Test
  @org.junit.jupiter.api.Timeout(
      value = 60,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aQuestionMarkInAPathReachesSqliteAsAPath(QuarkusMainLauncher hn) throws Exception {
    GitRepo odd = GitRepo.create(Files.createDirectories(tmp.resolve("we?ird #1%")), "app");
    assertOk(hn.launch("-C", odd.root().toString(), "add", "x"));
    assertOk(hn.launch("-C", odd.root().toString(), "list"));
    assertTrue(Files.isRegularFile(odd.root().resolve(".hn-state/hn.db")));
    try (var files = Files.list(odd.root().resolve(".hn-state"))) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains("?")).toList());
    }
    Path registry = tmp.resolve("reg?journal_mode=DELETE.db");
    System.setProperty("hn.registry", registry.toString());
    try {
      assertOk(hn.launch("-C", root, "add", "y"));
      assertTrue(Files.isRegularFile(registry), "the registry is the file named");
    } finally {
      System.clearProperty("hn.registry");
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(
      value = 60,
      threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aConfigThatIsADeviceOrAFifoIsRefusedAtOnce(QuarkusMainLauncher hn) throws Exception {
    Path config = repo.root().resolve(".hannahanna.yml");
    Files.createSymbolicLink(config, Path.of("/dev/zero"));
    LaunchResult device = hn.launch("-C", root, "add", "x");
    assertNotEquals(0, device.exitCode());
    assertTrue(device.getErrorOutput().contains("not a regular file"), device.getErrorOutput());
    assertFalse(device.getErrorOutput().contains("\tat "), "no stack trace");

    Files.delete(config);
    GitRepo.exec(tmp, List.of("mkfifo", config.toString()), Map.of());
    LaunchResult fifo = hn.launch("-C", root, "add", "x");
    assertNotEquals(0, fifo.exitCode());
    assertTrue(fifo.getErrorOutput().contains("not a regular file"), fifo.getErrorOutput());
  }

  @Test
  void aComposeFileThatLeadsOutOfTheRepositoryIsRefusedBeforeComposeReadsIt(QuarkusMainLauncher hn)
      throws Exception {
    Path log = composeLog();
    Path secret =
        Files.writeString(outsideTmp.resolve("secret.yml"), "services: {x: {image: y}}\n");
    Files.delete(repo.root().resolve("compose.yml"));
    Files.createSymbolicLink(repo.root().resolve("compose.yml"), secret);
    repo.write("ok.yml", "services:\n  web:\n    image: x\n");
    Files.createDirectories(repo.root().resolve("docker"));
    Files.createSymbolicLink(repo.root().resolve("docker/linked.yml"), secret);
    repo.write("includes.yml", "include:\n  - docker/linked.yml\nservices: {}\n");
    repo.write(
        "extends.yml", "services:\n  web:\n    extends: {file: " + secret + ", service: x}\n");
    for (String composeFile :
        List.of("", "ok.yml, docker/linked.yml", "includes.yml", "extends.yml")) {
      commitConfig(
          "docker:\n  enabled: true\n"
              + (composeFile.isEmpty() ? "" : "  compose_file: [" + composeFile + "]\n"));
      LaunchResult add = hn.launch("-C", root, "add", "x", "--docker");
      assertNotEquals(0, add.exitCode(), composeFile);
      assertTrue(
          add.getErrorOutput().contains("leads outside")
              && add.getErrorOutput().contains("compose file"),
          composeFile + ": " + add.getErrorOutput());
      assertFalse(read(log).contains("config"), "compose read it: " + read(log));
      hn.launch("-C", root, "remove", "x", "--force");
    }
  }

  @Test
  void whenGitItselfFailsItsOwnMessageIsShown(QuarkusMainLauncher hn) throws Exception {
    Files.writeString(repo.root().resolve(".git/config"), "[core\nbroken = \n");
    LaunchResult list = hn.launch("-C", root, "list");
    assertEquals(1, list.exitCode());
    assertTrue(list.getErrorOutput().contains("bad config line 1"), list.getErrorOutput());
    assertFalse(list.getErrorOutput().contains("Not inside a git repository"));
    LaunchResult outside = hn.launch("-C", tmp.toString(), "list");
    assertTrue(outside.getErrorOutput().contains("Not inside a git repository"));
  }

  @Test
  void anErrorEndingInComposesWordsKeepsItsSentenceBreak(QuarkusMainLauncher hn) throws Exception {
    Path compose = tmp.resolve("compose-up-fails");
    Files.writeString(
        compose,
        "#!/bin/sh\ncase \" $* \" in *' --profile * config ') cat compose.yml ;;"
            + " *' up '*) echo 'Bind for 0.0.0.0:8080 failed: port is already allocated' >&2;"
            + " exit 1 ;; esac\nexit 0\n");
    compose.toFile().setExecutable(true);
    System.setProperty("hn.compose", compose.toString());
    commitConfig("docker:\n  enabled: true\n");
    LaunchResult add = hn.launch("-C", root, "add", "x", "--docker");
    assertEquals(1, add.exitCode());
    assertTrue(
        add.getErrorOutput().contains("port is already allocated. Start them later"),
        add.getErrorOutput());
  }

  @Test
  void hnsNotesAndLocksAreNeverWrittenThroughALinkTheRepositoryCommitted(QuarkusMainLauncher hn)
      throws Exception {
    Path victim = Files.writeString(outsideTmp.resolve("bashrc"), "precious\n");
    Path state = repo.root().resolve(".hn-state/worktrees/feat");
    Files.createDirectories(state);
    Files.createSymbolicLink(state.resolve("interrupted-operation"), victim);
    Path dock = Files.createDirectories(repo.root().resolve(".hn-state/worktrees/dock"));
    Files.createSymbolicLink(dock.resolve("lifecycle.lock"), victim);
    repo.git("add", "-f", ".hn-state");
    repo.git("commit", "-q", "-m", "notes that point elsewhere");
    assertOk(hn.launch("-C", root, "add", "feat"));
    assertTrue(Files.isSymbolicLink(state.resolve("interrupted-operation")), "still there");
    Files.writeString(repo.worktree("feat").resolve("wip.txt"), "wip\n");
    assertOk(hn.launch("-C", root, "snapshot", "create", "feat", "s"));
    Files.delete(repo.worktree("feat").resolve("wip.txt"));
    LaunchResult restore = hn.launch("-C", root, "snapshot", "restore", "feat", "s");
    assertEquals("precious\n", Files.readString(victim), "nothing written through the link");
    assertFalse(restore.getErrorOutput().contains("precious"), "nor read through it");
    assertNotEquals(0, restore.exitCode());
    assertTrue(restore.getErrorOutput().contains("leads outside"), restore.getErrorOutput());

    composeLog();
    commitConfig("docker:\n  enabled: true\n");
    LaunchResult start = hn.launch("-C", root, "add", "dock", "--docker");
    assertNotEquals(0, start.exitCode());
    assertTrue(start.getErrorOutput().contains("leads outside"), start.getErrorOutput());
    assertEquals("precious\n", Files.readString(victim));
  }
}
