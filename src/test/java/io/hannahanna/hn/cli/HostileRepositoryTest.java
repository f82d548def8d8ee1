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
}
