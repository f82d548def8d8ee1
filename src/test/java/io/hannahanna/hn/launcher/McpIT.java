package io.hannahanna.hn.launcher;

import static io.hannahanna.hn.launcher.LauncherIT.HN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.McpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's conversation with `hn mcp` through the official TypeScript MCP SDK (a client hn's
 * tests did not write, from npm; `.ci/run` installs it): initialize, tools/list, tool calls on a
 * real engine, and hostile arguments in a repository whose config is not trusted.
 */
class McpIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Where `npm install @modelcontextprotocol/sdk` put its node_modules. */
  static Path client() {
    Path dir =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "HN_MCP_CLIENT", System.getProperty("user.home") + "/.cache/hn-mcp-client"));
    if (!Files.isDirectory(dir.resolve("node_modules/@modelcontextprotocol/sdk"))) {
      String why =
          "no MCP client: npm install --prefix "
              + dir
              + " @modelcontextprotocol/sdk@1 (or HN_MCP_CLIENT)";
      if ("1".equals(System.getenv("HN_REQUIRE_DOCKER"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return dir;
  }

  /** Runs the calls in one conversation; returns the tools offered, then each call's result. */
  private List<JsonNode> converse(GitRepo repo, String calls) throws Exception {
    Path file = Files.writeString(tmp.resolve("calls.json"), calls);
    GitRepo.Result run = McpClient.converse(HN, client(), repo.root(), file);
    assertEquals(0, run.exit(), run.stderr());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.stdout().lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void anAgentDrivesHnThroughARealMcpClientAndHostileArgumentsChangeNothing() throws Exception {
    DockerEngine.use(DockerEngine.COMPOSE_V2);
    GitRepo repo = GitRepo.create(tmp, "shop");
    Path marker = tmp.resolve("hook-ran");
    repo.write(
            "compose.yml",
            "services:\n  web:\n    image: "
                + DockerEngine.IMAGE
                + "\n    command: [sleep, '100000']\n    ports: ['80']\n")
        .write(
            ".hannahanna.yml",
            "docker:\n  enabled: true\nhooks:\n  post_create: touch " + marker + "\n")
        .write(".hn-templates/notes/notes.txt", "work in progress\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "stack");
    try {
      List<JsonNode> said =
          converse(
              repo,
              """
              [{"tool": "create", "arguments": {"name": "agent-1", "docker": true}},
               {"tool": "env", "arguments": {"name": "agent-1"}},
               {"tool": "docker_status", "arguments": {"name": "agent-1"}},
               {"tool": "list"},
               {"tool": "list"},
               {"tool": "create", "arguments": {"name": "--force"}},
               {"tool": "create", "arguments": {"name": "x; touch pwned"}},
               {"tool": "info", "arguments": {"name": "../../etc"}},
               {"tool": "create", "arguments": {"name": "agent-2", "branch": "--orphan"}},
               {"tool": "create", "arguments": {"name": "agent-2", "template": "notes"}},
               {"tool": "remove", "arguments": {"name": "agent-2"}},
               {"tool": "remove", "arguments": {"name": "agent-2", "force": true}},
               {"tool": "remove", "arguments": {"name": "agent-1"}}]
              """);
      List<String> tools = new ArrayList<>();
      said.get(0).get("tools").forEach(t -> tools.add(t.asText()));
      assertEquals(
          List.of(
              "list",
              "info",
              "create",
              "remove",
              "env",
              "ports",
              "docker_status",
              "docker_start",
              "docker_stop",
              "docker_logs",
              "sync"),
          tools);
      JsonNode create = said.get(1);
      assertFalse(create.get("isError").asBoolean(), create.toString());
      assertTrue(
          create.get("text").asText().contains("not trusted"), "untrusted hooks are skipped");
      JsonNode env = JSON.readTree(said.get(2).get("text").asText());
      assertTrue(env.get("WT_PORTS_WEB").asInt() > 0, env.toString());
      JsonNode status = JSON.readTree(said.get(3).get("text").asText());
      assertEquals(
          "running", status.get("projects").get(0).get("state").asText(), status.toString());
      assertEquals(2, JSON.readTree(said.get(4).get("text").asText()).get("worktrees").size());
      System.out.println(
          "McpIT: warm list call "
              + said.get(5).get("ms").asDouble()
              + " ms (the first: "
              + said.get(4).get("ms").asDouble()
              + " ms)");

      for (int i = 6; i <= 9; i++) {
        assertTrue(said.get(i).get("isError").asBoolean(), said.get(i).toString());
      }
      assertTrue(said.get(6).get("text").asText().contains("must not"), said.get(6).toString());
      assertTrue(
          said.get(7).get("text").asText().contains("Invalid worktree name"),
          said.get(7).toString());
      assertFalse(said.get(10).get("isError").asBoolean(), said.get(10).toString());
      JsonNode refused = said.get(11);
      assertTrue(refused.get("isError").asBoolean(), refused.toString());
      assertTrue(refused.get("text").asText().contains("uncommitted changes"), refused.toString());
      assertFalse(said.get(12).get("isError").asBoolean(), said.get(12).toString());
      assertFalse(said.get(13).get("isError").asBoolean(), said.get(13).toString());

      assertFalse(Files.exists(marker), "an untrusted hook ran");
      assertFalse(Files.exists(repo.root().resolve("pwned")));
      assertEquals(
          1,
          GitRepo.gitIn(repo.root(), "worktree", "list").lines().count(),
          "only the main checkout is left");
      assertEquals(
          List.of(),
          DockerEngine.lines(
              "ps", "-aq", "--filter", "label=io.hannahanna.hn.repository=" + repo.root()));
    } finally {
      DockerEngine.clean(repo.root());
      DockerEngine.reset();
    }
  }
}
