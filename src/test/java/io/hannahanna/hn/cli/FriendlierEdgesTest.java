package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.StandInDocker;
import io.hannahanna.hn.support.Trusted;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user hits first: no compose file, no compose command, shared files in git status. */
@HnTest
class FriendlierEdgesTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;
  StandInDocker docker;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    docker = StandInDocker.in(tmp);
  }

  @AfterEach
  void forgetStandIn() {
    System.clearProperty("hn.docker");
  }

  private void trustedConfig(String yaml) {
    repo.write(".hannahanna.yml", yaml);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "config");
    Trusted.config(repo.root());
  }

  @Test
  void aBranchWithoutAComposeFileStillGetsItsWorktree(QuarkusMainLauncher hn) {
    trustedConfig("docker:\n  enabled: true\n  compose_command: " + docker.compose() + "\n");
    LaunchResult add = hn.launch("-C", root, "add", "x");
    assertOk(add);
    assertTrue(Files.isDirectory(repo.worktree("x")));
    String err = add.getErrorOutput();
    assertTrue(err.contains("Docker skipped for 'x': No compose file in"), err);
    assertTrue(err.contains("'hn docker start x' sets it up"), err);

    LaunchResult asked = hn.launch("-C", root, "add", "y", "--docker");
    assertEquals(1, asked.exitCode(), "--docker asked for it");
    assertTrue(Files.isDirectory(repo.worktree("y")), "the worktree is kept all the same");

    LaunchResult start = hn.launch("-C", root, "docker", "start", "x");
    assertEquals(1, start.exitCode());
    assertTrue(start.getErrorOutput().contains("No compose file"), start.getErrorOutput());
  }

  @Test
  void noComposeCommandStillGivesTheWorktree(QuarkusMainLauncher hn) {
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    trustedConfig("docker:\n  enabled: true\n  compose_command: /nonexistent/compose\n");
    LaunchResult add = hn.launch("-C", root, "add", "x");
    assertOk(add);
    assertTrue(Files.isDirectory(repo.worktree("x")));
    assertTrue(
        add.getErrorOutput().contains("Docker skipped for 'x': Cannot run '/nonexistent/compose'"),
        add.getErrorOutput());
  }

  @Test
  void sharedLinksAndCopiesAreNeverUncommittedChanges(QuarkusMainLauncher hn) throws Exception {
    Files.createDirectories(repo.root().resolve("node_modules/left-pad"));
    repo.write(".gitignore", "/node_modules/\n.env\n");
    repo.write(".env.template", "A=1\n");
    repo.write("*", "a file named star, hostile to gitignore\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "shared things");
    trustedConfig(
        "shared_resources:\n  - source: node_modules\n    target: node_modules\n"
            + "shared:\n  copy:\n    - .env.template -> config/app.env\n    - \"* -> copies/*\"\n");
    assertOk(hn.launch("-C", root, "add", "a"));
    Path wt = repo.worktree("a");
    assertTrue(Files.isSymbolicLink(wt.resolve("node_modules")));
    assertTrue(Files.exists(wt.resolve("config/app.env")));
    assertTrue(Files.exists(wt.resolve("copies/*")));
    assertEquals(
        "",
        GitRepo.exec(wt, java.util.List.of("git", "status", "--porcelain"), java.util.Map.of())
            .stdout(),
        "nothing to commit");
    // the escaped pattern hides only the copy, not every file
    Files.writeString(wt.resolve("new-file"), "x");
    assertEquals(
        "?? new-file\n",
        GitRepo.exec(wt, java.util.List.of("git", "status", "--porcelain"), java.util.Map.of())
            .stdout());
    Files.delete(wt.resolve("new-file"));
    assertOk(hn.launch("-C", root, "remove", "a"));
  }
}
