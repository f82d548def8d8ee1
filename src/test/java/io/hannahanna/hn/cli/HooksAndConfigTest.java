package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks, shared resources and `.hannahanna.yml` handling. */
@HnTest
class HooksAndConfigTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  private void config(String yaml) {
    repo.write(".hannahanna.yml", yaml);
  }

  /** A config the user wrote and trusted (see TrustTest for untrusted ones). */
  private void trustedConfig(QuarkusMainLauncher hn, String yaml) {
    config(yaml);
    assertOk(hn.launch("-C", root, "trust"));
  }

  @Test
  void postCreateHookSeesTheWorktreeEnvironment(QuarkusMainLauncher hn) throws Exception {
    Path out = tmp.resolve("hook.env");
    trustedConfig(
        hn,
        "hooks:\n  post_create: |\n    echo \"$WT_NAME|$WT_PATH|$WT_BRANCH|$WT_PARENT|$WT_STATE_DIR|$(pwd)\" > "
            + out
            + "\n    echo hook says hi\n");
    LaunchResult add = hn.launch("-C", root, "add", "hooked");
    assertOk(add);
    Path wt = repo.worktree("hooked");
    assertEquals(
        String.join(
            "|",
            "hooked",
            wt.toString(),
            "hooked",
            "main",
            repo.root().resolve(".hn-state/worktrees/hooked").toString(),
            wt.toString()),
        Files.readString(out).strip());
    assertEquals(wt.toString(), add.getOutput().strip(), "hook output stays off stdout");
    assertTrue(add.getErrorOutput().contains("hook says hi"));

    Files.delete(out);
    assertOk(hn.launch("-C", root, "add", "quiet", "--no-hooks"));
    assertFalse(Files.exists(out));
  }

  @Test
  void failingPostCreateHookRollsTheWorktreeBack(QuarkusMainLauncher hn) {
    trustedConfig(hn, "hooks:\n  post_create: exit 3\n");
    LaunchResult add = hn.launch("-C", root, "add", "broken");
    assertEquals(1, add.exitCode());
    assertTrue(
        add.getErrorOutput().contains("post_create hook failed with exit code 3"),
        add.getErrorOutput());
    assertTrue(add.getErrorOutput().contains("rolled back"), add.getErrorOutput());
    assertFalse(Files.exists(repo.worktree("broken")));
    assertEquals("", repo.git("branch", "--list", "broken"));
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/broken")));
    assertFalse(hn.launch("-C", root, "list").getOutput().contains("broken"));
  }

  @Test
  void preRemoveHookRunsInTheWorktreeAndCanBeSkipped(QuarkusMainLauncher hn) throws Exception {
    Path out = tmp.resolve("removed.txt");
    trustedConfig(hn, "hooks:\n  pre_remove: echo \"$WT_NAME $(pwd)\" >> " + out + "\n");
    assertOk(hn.launch("-C", root, "add", "one"));
    assertOk(hn.launch("-C", root, "add", "two"));
    assertOk(hn.launch("-C", root, "remove", "one"));
    assertEquals("one " + repo.worktree("one"), Files.readString(out).strip());
    assertOk(hn.launch("-C", root, "remove", "two", "--no-hooks"));
    assertEquals(1, Files.readAllLines(out).size());
  }

  @Test
  void sharedResourcesLinkOnlyWithIdenticalLockfilesAndCopyFilesOnce(QuarkusMainLauncher hn)
      throws Exception {
    repo.write("package-lock.json", "{\"v\":1}\n").write(".gitignore", "node_modules/\n.env\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "lockfile");
    repo.write("node_modules/dep/index.js", "x").write(".env", "SECRET=1\n");
    config(
        "shared_resources:\n  - source: node_modules\n    compatibility: package-lock.json\n"
            + "shared:\n  copy:\n    - .env -> .env\n");
    assertOk(hn.launch("-C", root, "add", "same"));
    Path linked = repo.worktree("same").resolve("node_modules");
    assertTrue(Files.isSymbolicLink(linked));
    assertEquals(repo.root().resolve("node_modules"), Files.readSymbolicLink(linked));
    assertEquals("SECRET=1\n", Files.readString(repo.worktree("same").resolve(".env")));

    repo.git("checkout", "-q", "-b", "newer");
    repo.write("package-lock.json", "{\"v\":2}\n");
    repo.git("commit", "-q", "-am", "newer lock");
    repo.git("checkout", "-q", "main");
    assertOk(hn.launch("-C", root, "add", "different", "--from", "newer"));
    assertFalse(Files.exists(repo.worktree("different").resolve("node_modules")));
  }

  @Test
  void pathsThatLeaveTheRepositoryAreRefused(QuarkusMainLauncher hn) {
    for (String yaml :
        new String[] {
          "shared_resources:\n  - source: ../../etc\n",
          "shared_resources:\n  - source: /etc\n",
          "shared:\n  copy:\n    - ../../etc/passwd -> passwd\n",
          "shared:\n  copy:\n    - .env -> ../../outside\n",
          "worktree_dir: inside\n"
        }) {
      config(yaml);
      LaunchResult add = hn.launch("-C", root, "add", "esc");
      assertEquals(1, add.exitCode(), yaml);
      assertTrue(
          add.getErrorOutput().matches("(?s).*(inside the repository|inside the main checkout).*"),
          yaml + ": " + add.getErrorOutput());
      assertFalse(Files.exists(repo.worktree("esc")), yaml);
      assertFalse(Files.exists(repo.root().resolve("inside/esc")), yaml);
    }
  }

  @Test
  void committedSymbolicLinksCannotCarrySharedPathsOutOfTheRepository(QuarkusMainLauncher hn)
      throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path secret = Files.writeString(tmp.resolve("shadow"), "root:secret\n");
    Files.createSymbolicLink(repo.root().resolve("out"), outside);
    Files.createSymbolicLink(repo.root().resolve("secret"), secret);
    Files.createSymbolicLink(repo.root().resolve("linked"), outside);
    repo.git("add", "out", "secret", "linked");
    repo.git("commit", "-q", "-m", "links");
    repo.write(".env", "A=1\n");
    for (String yaml :
        new String[] {
          "shared:\n  copy:\n    - .env -> out/.env\n",
          "shared:\n  copy:\n    - secret -> secret-copy\n",
          "shared_resources:\n  - source: linked\n    target: deps\n",
          "shared_resources:\n  - source: .env\n    target: out/env\n"
        }) {
      config(yaml);
      LaunchResult add = hn.launch("-C", root, "add", "esc");
      assertEquals(1, add.exitCode(), yaml);
      assertTrue(add.getErrorOutput().contains("symbolic link"), add.getErrorOutput());
      assertFalse(Files.exists(repo.worktree("esc")), yaml);
      try (var written = Files.list(outside)) {
        assertEquals(0, written.count(), "something was written outside: " + yaml);
      }
    }
  }

  @Test
  void worktreeDirIsConfigurable(QuarkusMainLauncher hn) {
    config("worktree_dir: ../trees/{repo}\n");
    LaunchResult add = hn.launch("-C", root, "add", "placed");
    assertOk(add);
    assertEquals(tmp.resolve("trees/app/placed").toString(), add.getOutput().strip());
  }

  @Test
  void malformedConfigNamesFileLineAndColumn(QuarkusMainLauncher hn) {
    config("hooks:\n  post_create: [unclosed\n");
    LaunchResult result = hn.launch("-C", root, "add", "x");
    assertEquals(1, result.exitCode());
    assertTrue(result.getErrorOutput().contains(".hannahanna.yml:3:1"), result.getErrorOutput());

    config("docker:\n  enabled: maybe\n");
    LaunchResult wrongType = hn.launch("-C", root, "add", "x");
    assertEquals(1, wrongType.exitCode());
    assertTrue(
        wrongType
            .getErrorOutput()
            .contains(".hannahanna.yml:2:12: docker.enabled must be true or false, not 'maybe'"),
        wrongType.getErrorOutput());
  }

  @Test
  void unknownKeysAreWarningsOnStderr(QuarkusMainLauncher hn) {
    config("hookz:\n  post_create: echo\ndocker:\n  enabeld: true\n");
    LaunchResult result = hn.launch("-C", root, "list");
    assertOk(result);
    assertTrue(result.getErrorOutput().contains("unknown key 'hookz'"), result.getErrorOutput());
    assertTrue(
        result.getErrorOutput().contains("unknown key 'docker.enabeld'"), result.getErrorOutput());
    assertFalse(result.getOutput().contains("warning"));
  }
}
