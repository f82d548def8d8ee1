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
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository's `.hannahanna.yml` is somebody else's code: what in it runs or reaches outside the
 * repository takes effect only once the user has trusted the file's current content.
 */
@HnTest
class TrustTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;
  Path marker;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    marker = tmp.resolve("ran");
  }

  private void config(String yaml) {
    repo.write(".hannahanna.yml", yaml);
  }

  @Test
  void hooksRunOnlyAfterTrustAndStopWhenTheFileChanges(QuarkusMainLauncher hn) throws Exception {
    config("hooks:\n  post_create: touch " + marker + "\n");
    LaunchResult untrusted = hn.launch("-C", root, "add", "one");
    assertOk(untrusted);
    assertFalse(Files.exists(marker), "an untrusted hook ran");
    assertTrue(Files.isDirectory(repo.worktree("one")), "everything else is still done");
    String notice = untrusted.getErrorOutput();
    assertTrue(notice.contains("not trusted"), notice);
    assertTrue(notice.contains("hooks.post_create"), notice);
    assertTrue(notice.contains("hn trust"), notice);

    assertOk(hn.launch("-C", root, "trust"));
    assertOk(hn.launch("-C", root, "add", "two"));
    assertTrue(Files.exists(marker), "a trusted hook did not run");

    Files.delete(marker);
    config("hooks:\n  post_create: touch " + marker + " # changed\n");
    LaunchResult changed = hn.launch("-C", root, "add", "three");
    assertOk(changed);
    assertFalse(Files.exists(marker), "a changed file is no longer trusted");
    assertTrue(changed.getErrorOutput().contains("changed"), changed.getErrorOutput());

    assertOk(hn.launch("-C", root, "trust"));
    assertOk(hn.launch("-C", root, "untrust"));
    assertOk(hn.launch("-C", root, "add", "four"));
    assertFalse(Files.exists(marker), "untrust did not take the trust back");
  }

  @Test
  void trustShowPrintsWhatWouldRunAndTheVerdict(QuarkusMainLauncher hn) {
    config(
        "worktree_dir: /etc\nhooks:\n  post_create: npm ci\n  pre_remove: ./save.sh\n"
            + "docker:\n  compose_command: ./evil compose\n");
    LaunchResult show = hn.launch("-C", root, "trust", "--show");
    assertOk(show);
    String out = show.getOutput();
    assertTrue(out.contains("not trusted"), out);
    assertTrue(out.contains("npm ci"), out);
    assertTrue(out.contains("./save.sh"), out);
    assertTrue(out.contains("./evil compose"), out);
    assertTrue(out.contains("/etc"), out);
    assertOk(hn.launch("-C", root, "trust"));
    assertTrue(hn.launch("-C", root, "trust", "--show").getOutput().contains("trusted"));
  }

  @Test
  void aRepositoryWithoutConfigHasNothingToTrust(QuarkusMainLauncher hn) {
    LaunchResult trust = hn.launch("-C", root, "trust");
    assertEquals(1, trust.exitCode());
    assertTrue(trust.getErrorOutput().contains("nothing to trust"), trust.getErrorOutput());
  }

  @Test
  void composeCommandFromAnUntrustedFileNeverRuns(QuarkusMainLauncher hn) throws Exception {
    Path evil = tmp.resolve("evil-compose");
    Files.writeString(
        evil,
        "#!/bin/sh\ntouch " + marker + "\ncase \"$*\" in *' config') cat compose.yml ;; esac\n");
    Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwx------"));
    repo.write("compose.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80']\n");
    config("docker:\n  enabled: true\n  compose_command: " + evil + "\n");
    repo.git("add", "compose.yml");
    repo.git("commit", "-q", "-m", "compose");
    // Untrusted, hn uses the compose it finds itself (and fails cleanly where there is none).
    LaunchResult untrusted = hn.launch("-C", root, "add", "one");
    assertFalse(Files.exists(marker), "an untrusted compose_command ran");
    assertTrue(
        untrusted.getErrorOutput().contains("docker.compose_command"), untrusted.getErrorOutput());

    assertOk(hn.launch("-C", root, "trust"));
    assertOk(hn.launch("-C", root, "add", "two", "--no-hooks"));
    assertFalse(Files.exists(marker), "--no-hooks: nothing from the repository runs");
    assertOk(hn.launch("-C", root, "add", "three"));
    assertTrue(Files.exists(marker), "the trusted compose_command did not run");
  }

  /** docker.context picks which of the user's engines runs the repository's containers. */
  @Test
  void dockerContextFromAnUntrustedFileIsNotUsed(QuarkusMainLauncher hn) throws Exception {
    config("docker:\n  context: production\n");
    assertOk(hn.launch("-C", root, "add", "a"));
    LaunchResult untrusted = hn.launch("-C", root, "env", "a", "--format", "json");
    assertOk(untrusted);
    assertFalse(untrusted.getOutput().contains("DOCKER_CONTEXT"), untrusted.getOutput());
    assertTrue(untrusted.getErrorOutput().contains("docker.context"), untrusted.getErrorOutput());
    assertTrue(
        hn.launch("-C", root, "trust", "--show").getOutput().contains("production"),
        "hn trust --show lists it");

    assertOk(hn.launch("-C", root, "trust"));
    LaunchResult trusted = hn.launch("-C", root, "env", "a", "--format", "json");
    assertEquals("production", WorktreeAcceptanceTest.json(trusted).get("DOCKER_CONTEXT").asText());

    // the command line's own --context: a name, checked before anything runs or is created
    Path touched = tmp.resolve("touched");
    LaunchResult hostileFlag =
        hn.launch("-C", root, "add", "y", "--context", "x$(touch " + touched + ")\n");
    assertEquals(ExitCode.USAGE, hostileFlag.exitCode());
    assertTrue(hostileFlag.getErrorOutput().contains("no docker context 'x$(touch"));
    assertFalse(hostileFlag.getErrorOutput().contains(")\n'"), "control characters shown as ?");
    assertFalse(Files.exists(touched));
    assertFalse(Files.exists(repo.worktree("y")));

    config("docker:\n  context: \"prod; rm -rf /\"\n");
    LaunchResult hostile = hn.launch("-C", root, "env", "a");
    assertEquals(1, hostile.exitCode());
    assertTrue(hostile.getErrorOutput().contains(".hannahanna.yml:2:12"), hostile.getErrorOutput());
  }

  @Test
  void worktreeDirOutsideTheRepositorysFolderNeedsTrust(QuarkusMainLauncher hn) throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolveSibling(tmp.getFileName() + "-far"));
    try {
      config("worktree_dir: " + elsewhere + "\n");
      LaunchResult untrusted = hn.launch("-C", root, "add", "one");
      assertOk(untrusted);
      assertEquals(repo.worktree("one").toString(), untrusted.getOutput().strip());
      assertTrue(untrusted.getErrorOutput().contains("worktree_dir"), untrusted.getErrorOutput());

      assertOk(hn.launch("-C", root, "trust"));
      LaunchResult trusted = hn.launch("-C", root, "add", "two");
      assertOk(trusted);
      assertEquals(elsewhere.resolve("two").toString(), trusted.getOutput().strip());
      assertOk(hn.launch("-C", root, "remove", "two"));
    } finally {
      io.hannahanna.hn.worktree.Worktrees.deleteTree(elsewhere);
    }
  }

  @Test
  void aHookATemplateRepeatsIsListedOnce(QuarkusMainLauncher hn) {
    repo.write(".hannahanna.yml", "hooks:\n  post_create: echo repo-hook\n");
    repo.write(
        ".hn-templates/t/.hannahanna.yml",
        "hooks:\n  post_create:\n    - echo repo-hook\n    - echo template-hook\n");
    String show = hn.launch("-C", root, "trust", "--show").getOutput();
    assertEquals(1, show.split("echo repo-hook", -1).length - 1, show);
    assertTrue(show.contains("echo template-hook"), show);
  }
}
