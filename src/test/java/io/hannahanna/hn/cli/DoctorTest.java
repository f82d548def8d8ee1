package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.worktree.Worktrees;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hn doctor`: one line per check, with what to do. */
@HnTest
class DoctorTest {
  @TempDir Path tmp;

  @Test
  void reportsEveryCheckAndWhatToDo(QuarkusMainLauncher hn) throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "gone"));
    Worktrees.deleteTree(repo.worktree("gone"));
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = squatter.getLocalPort();
      repo.write(
          ".hannahanna.yml", "docker:\n  ports:\n    range: " + port + "-" + (port + 5) + "\n");
      Files.writeString(
          repo.root().resolve(".hn-state/port-registry.yaml"),
          "allocations:\n  x:\n    web: " + port + "\n");
      LaunchResult doctor = hn.launch("-C", root, "doctor", "--json");
      assertEquals(0, doctor.exitCode(), doctor.getErrorOutput());
      Map<String, JsonNode> checks = new LinkedHashMap<>();
      json(doctor).get("checks").forEach(c -> checks.put(c.get("name").asText(), c));
      assertEquals(
          List.of(
              "git",
              "docker cli",
              "docker daemon",
              "compose",
              "registry",
              "repositories",
              "ports",
              "subnets",
              "worktrees",
              "compose projects"),
          List.copyOf(checks.keySet()));
      assertEquals("ok", checks.get("git").get("status").asText());
      assertEquals("ok", checks.get("registry").get("status").asText());
      assertTrue(
          checks.get("registry").get("detail").asText().contains("old YAML registry present"));
      assertEquals("warn", checks.get("worktrees").get("status").asText());
      assertTrue(checks.get("worktrees").get("detail").asText().contains("gone"));
      assertEquals("run 'hn prune'", checks.get("worktrees").get("fix").asText());
      assertEquals(
          "warn", checks.get("ports").get("status").asText(), checks.get("ports").toString());
      assertTrue(checks.get("ports").get("detail").asText().contains("x/web:" + port));
      LaunchResult text = hn.launch("-C", root, "doctor");
      assertTrue(text.getOutput().contains("WARN  worktrees"), text.getOutput());
      assertTrue(squatter.isBound());
    }
  }
}
