package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.EngineState;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.worktree.Worktrees;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Orphan cleanup on the real engine: only this repository's hn projects whose worktree is gone. */
@HnTest
class DockerPruneTest {
  static final String COMPOSE =
      "services:\n  web:\n    image: hn-test-busybox:latest\n    command: [\"sleep\", \"3600\"]\n"
          + "    ports: [\"%d:80\"]\n    volumes: [\"data:/data\", \"cache:/cache\"]\n"
          + "volumes:\n  data: {}\n  cache: {}\n";

  @TempDir Path tmp;
  GitRepo repo;
  GitRepo other;
  String foreign;

  private GitRepo repository(String name) {
    GitRepo r = GitRepo.create(tmp, name);
    r.write("compose.yml", String.format(COMPOSE, 20000 + (int) (Math.random() * 20000)));
    r.write(".hannahanna.yml", "docker:\n  enabled: true\n  shared:\n    volumes: [cache]\n");
    r.git("add", ".");
    r.git("commit", "-q", "-m", "compose");
    return r;
  }

  @AfterEach
  void cleanEngine() {
    DockerEngine.reset();
    for (GitRepo r : new GitRepo[] {repo, other}) {
      if (r != null) {
        DockerEngine.clean(r.root());
      }
    }
    if (foreign != null) {
      EngineState.remove(foreign);
    }
  }

  private static List<?> running(String label) {
    return EngineState.containers(false, label);
  }

  @ComposeV2
  void pruneRemovesOnlyTheOrphansOfThisRepository(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    repo = repository("app");
    other = repository("other");
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "orphan", "--docker"));
    assertOk(hn.launch("-C", root, "add", "keep", "--docker"));
    assertOk(hn.launch("-C", other.root().toString(), "add", "orphan", "--docker"));
    // a compose project hn did not make, as compose labels its containers
    String foreignProject = "hn-foreign-" + (int) (Math.random() * 1e6);
    foreign =
        EngineState.run(
            foreignProject + "-web-1",
            Map.of(
                "com.docker.compose.project", foreignProject, "com.docker.compose.service", "web"),
            0);

    Worktrees.deleteTree(repo.worktree("orphan"));
    repo.git("worktree", "prune");
    String orphanLabel = "io.hannahanna.hn.repository=" + root;

    LaunchResult dry = hn.launch("-C", root, "docker", "prune", "--dry-run", "--json");
    assertOk(dry);
    assertEquals("orphan", json(dry).get("pruned").get(0).get("worktree").asText());
    assertEquals(2, running(orphanLabel).size(), "dry run removes nothing");

    LaunchResult prune = hn.launch("-C", root, "docker", "prune", "--json");
    assertOk(prune);
    JsonNode pruned = json(prune).get("pruned");
    assertEquals(1, pruned.size());
    assertEquals(1, pruned.get(0).get("containers").size());
    assertTrue(pruned.get(0).get("networks").size() >= 1);
    String ofOrphan = "io.hannahanna.hn.worktree=orphan";
    assertEquals(0, EngineState.containers(true, ofOrphan, orphanLabel).size());
    assertEquals(List.of(), EngineState.networks(ofOrphan, orphanLabel));

    assertEquals(1, running(orphanLabel).size(), "keep still runs");
    assertEquals(
        1,
        running("io.hannahanna.hn.repository=" + other.root()).size(),
        "the other repository's orphan-named project still runs");
    assertEquals(
        1,
        running("com.docker.compose.project=" + foreignProject).size(),
        "the foreign project still runs");

    // Its volumes stay until asked for; shared ones always stay.
    JsonNode volumes = json(hn.launch("-C", root, "docker", "volumes", "--json")).get("volumes");
    JsonNode orphanData = null;
    for (JsonNode v : volumes) {
      assertFalse(
          v.get("name").asText().endsWith("_cache"),
          "shared volumes are not listed as a worktree's");
      if (v.get("worktree").asText().equals("orphan")) {
        orphanData = v;
      }
    }
    assertFalse(orphanData.get("worktreeExists").asBoolean());
    assertFalse(orphanData.get("inUse").asBoolean());
    LaunchResult volumePrune = hn.launch("-C", root, "docker", "volume", "prune");
    assertOk(volumePrune);
    assertEquals(orphanData.get("name").asText(), volumePrune.getOutput().strip());
    assertEquals(1, EngineState.volumes("io.hannahanna.hn.shared=true", orphanLabel).size());
    assertFalse(EngineState.volumeExists(orphanData.get("name").asText()));
  }
}
