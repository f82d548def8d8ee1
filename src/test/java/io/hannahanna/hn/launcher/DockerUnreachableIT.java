package io.hannahanna.hn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With DOCKER_HOST pointing nowhere, Docker commands fail fast with one sentence. */
class DockerUnreachableIT {
  static final Map<String, String> NOWHERE = Map.of("DOCKER_HOST", "unix:///nonexistent.sock");

  @TempDir Path tmp;

  private GitRepo repo() {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(
        "compose.yml",
        "services:\n  web:\n    image: hn-test-busybox:latest\n    ports: ['8080:80']\n");
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    return repo;
  }

  private static void assertOneLine(Result result, String expected) {
    assertEquals(1, result.exit(), result.stderr());
    assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
    assertTrue(result.stderr().contains(expected), result.stderr());
  }

  @Test
  void dockerCommandsSayTheDaemonIsNotReachable() {
    GitRepo repo = repo();
    assertEquals(0, LauncherIT.hn(repo.root(), "add", "a", "--no-docker").exit());
    for (String[] args :
        new String[][] {
          {"docker", "ps"}, {"docker", "start", "a"}, {"docker", "logs", "a"}, {"docker", "prune"}
        }) {
      assertOneLine(
          LauncherIT.hn(repo.root(), NOWHERE, args),
          "Docker daemon is not reachable at DOCKER_HOST=unix:///nonexistent.sock");
    }
  }

  @Test
  void aMissingDockerOrComposeCommandIsOneSentence() {
    GitRepo repo = repo();
    assertEquals(0, LauncherIT.hn(repo.root(), "add", "a", "--no-docker").exit());
    assertOneLine(
        LauncherIT.hn(repo.root(), Map.of("HN_DOCKER", "/nonexistent/docker"), "docker", "ps"),
        "Cannot run '/nonexistent/docker': it is not installed or not on PATH.");
    Result compose =
        LauncherIT.hn(
            repo.root(), Map.of("HN_COMPOSE", "/nonexistent/compose"), "docker", "start", "a");
    assertEquals(1, compose.exit(), compose.stderr());
    assertTrue(compose.stderr().contains("/nonexistent/compose"), compose.stderr());
  }

  @Test
  void addStillCreatesTheWorktreeAndRemoveStillRemovesIt() {
    boolean compose =
        GitRepo.exec(tmp, List.of("docker-compose", "version", "--short"), Map.of()).exit() == 0
            || GitRepo.exec(tmp, List.of("docker", "compose", "version"), Map.of()).exit() == 0;
    Assumptions.assumeTrue(
        compose || "1".equals(System.getenv("HN_REQUIRE_DOCKER")), "no compose command installed");
    GitRepo repo = repo();
    Result add = LauncherIT.hn(repo.root(), NOWHERE, "add", "b", "--docker");
    assertEquals(1, add.exit());
    assertTrue(add.stderr().contains("containers were not started"), add.stderr());
    assertTrue(add.stderr().contains("hn docker start b"), add.stderr());
    assertTrue(Files.isDirectory(repo.worktree("b")));
    assertTrue(Files.exists(repo.root().resolve(".hn-state/worktrees/b/compose.yml")));
    assertTrue(LauncherIT.hn(repo.root(), "ports", "show", "b").stdout().contains("web"));

    Result remove = LauncherIT.hn(repo.root(), NOWHERE, "remove", "b");
    assertEquals(0, remove.exit(), remove.stderr());
    assertTrue(remove.stderr().contains("hn docker prune"), remove.stderr());
    assertFalse(Files.exists(repo.worktree("b")));
    assertFalse(LauncherIT.hn(repo.root(), "ports", "list").stdout().contains(" b "));
  }
}
