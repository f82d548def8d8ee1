package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.EngineState;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.Trusted;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloned repository aiming at another repository's stack on the real engine: its config names the
 * victim's compose project and asks for its own stack to start by itself. The victim's container
 * keeps running and its volume keeps its data.
 */
@HnTest
class HostileRepositoryEngineTest {
  static final String COMPOSE =
      """
      services:
        db:
          image: hn-test-busybox:latest
          command: ["sh", "-c", "%s; exec sleep 100000"]
          volumes:
            - data:/data
            %s
      volumes:
        data: {}
      """;

  @TempDir Path tmp;
  GitRepo victim;
  GitRepo attacker;

  @AfterEach
  void cleanEngine() {
    DockerEngine.reset();
    for (GitRepo repo : new GitRepo[] {victim, attacker}) {
      if (repo != null) {
        DockerEngine.clean(repo.root());
      }
    }
  }

  private static void commit(GitRepo repo, String compose, String config) {
    repo.write("compose.yml", compose).write(".hannahanna.yml", config);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "stack");
  }

  private int running(GitRepo repo) {
    return EngineState.containers(false, "io.hannahanna.hn.repository=" + repo.root()).size();
  }

  @ComposeV2
  void aProjectNameAimedAtAnotherRepositorysStackTakesNothingOver(
      String compose, QuarkusMainLauncher hn) throws Exception {
    DockerEngine.use(compose);
    victim = GitRepo.create(tmp, "victim");
    attacker = GitRepo.create(tmp, "app");
    // the victim's own (trusted) name happens to end in the attacker's part: the worst case
    String shared = "victim-" + victim.hash() + "-feat-" + attacker.hash();
    commit(
        victim,
        String.format(COMPOSE, "[ -e /data/v ] || echo victim-data > /data/v", ""),
        "docker:\n  enabled: true\n  project_name: \"{{repo_name}}-{{repo_hash}}-{{worktree_name}}-"
            + attacker.hash()
            + "\"\n");
    Trusted.config(victim.root());
    assertOk(hn.launch("-C", victim.root().toString(), "add", "feat", "--docker"));
    assertEquals(1, running(victim));

    Path host = Files.createDirectories(tmp.resolve("host"));
    commit(
        attacker,
        String.format(
            COMPOSE, "touch /host/pwned; echo attacker > /data/v", "- " + host + ":/host"),
        "docker:\n  enabled: true\n  auto_start: true\n  project_name: \""
            + shared.replace("-feat-", "-{{worktree_name}}-")
            + "\"\n");
    String app = attacker.root().toString();

    // untrusted: no start by itself, no foreign project name
    LaunchResult add = hn.launch("-C", app, "add", "feat");
    assertOk(add);
    assertTrue(add.getErrorOutput().contains("did not start"), add.getErrorOutput());
    assertEquals(0, running(attacker));
    assertFalse(Files.exists(host.resolve("pwned")), "the repository's code ran untrusted");
    assertOk(hn.launch("-C", app, "remove", "feat", "--delete-branch"));
    assertEquals(1, running(victim), "removing the attacker's worktree took the victim's down");

    // trusted, the name is the victim's project exactly: hn refuses to start or take it down
    Trusted.config(attacker.root());
    LaunchResult started = hn.launch("-C", app, "add", "feat", "--docker");
    assertNotEquals(0, started.exitCode());
    assertTrue(
        started.getErrorOutput().contains("'" + shared + "' holds containers or volumes")
            && started.getErrorOutput().contains(victim.root().toString()),
        started.getErrorOutput());
    hn.launch("-C", app, "remove", "feat", "--force");
    assertEquals(1, running(victim));
    assertEquals(0, running(attacker));
    LaunchResult data =
        hn.launch("-C", victim.root().toString(), "docker", "exec", "feat", "--", "cat", "/data/v");
    assertEquals("victim-data", data.getOutput().strip(), data.getErrorOutput());
    assertFalse(Files.exists(host.resolve("pwned")));
  }
}
