package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.ComposeVariants;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.EngineState;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Per-worktree compose projects on the real Docker engine. */
@HnTest
class DockerComposeTest {
  static final String COMPOSE =
      """
      services:
        web:
          image: hn-test-busybox:latest
          container_name: fixed-web
          command: ["sh", "-c", "mkdir -p /www && echo \\"web $$APP_NAME\\" > /www/index.html && echo web-started && exec httpd -f -p 8080 -h /www"]
          ports:
            - "%1$d:8080"
          volumes:
            - data:/data
            - cache:/cache
            - /scratch
        api:
          image: hn-test-busybox:latest
          command: ["sh", "-c", "mkdir -p /www && echo api > /www/index.html && exec httpd -f -p 80 -h /www"]
          ports:
            - target: 80
              published: %2$d
              protocol: tcp
      volumes:
        data: {}
        cache: {}
      """;

  @TempDir Path tmp;
  GitRepo repo;
  String root;
  int fixedWeb;
  int fixedApi;

  @BeforeEach
  void createRepository() throws Exception {
    DockerEngine.require();
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    fixedWeb = 20000 + (int) (Math.random() * 20000);
    fixedApi = fixedWeb + 1;
    repo.write("compose.yml", String.format(COMPOSE, fixedWeb, fixedApi));
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  env:\n    APP_NAME: \"{{worktree_name}}\"\n"
            + "    API_URL: \"http://localhost:{{port.api}}/x\"\n    TRICKY: \"a: b\\n'\\\"c # {{port.web.8080}}\"\n"
            + "  shared:\n    volumes: [cache]\n"
            + "  ports:\n    range: "
            + (fixedWeb - 5)
            + "-"
            + (fixedWeb + 40)
            + "\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
  }

  @AfterEach
  void cleanEngine() {
    DockerEngine.reset();
    if (repo != null) {
      DockerEngine.clean(repo.root());
    }
  }

  private Map<String, Integer> ports(QuarkusMainLauncher hn, String worktree) throws Exception {
    Map<String, Integer> ports = new HashMap<>();
    for (JsonNode a :
        json(hn.launch("-C", root, "ports", "show", worktree, "--json")).get("allocations")) {
      ports.put(a.get("service").asText(), a.get("hostPort").asInt());
    }
    return ports;
  }

  static String http(int port) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Exception last = null;
    for (int i = 0; i < 50; i++) {
      try {
        return client
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body()
            .strip();
      } catch (java.io.IOException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw last;
  }

  static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return s.isConnected();
    } catch (ConnectException e) {
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * One stack per compose variant, taken through what a user does with it: two worktrees side by
   * side, hooks and logs, the lifecycle commands, and remove (one `up` per worktree, since each
   * start costs seconds). With Compose v2: RealComposeSetupsTest takes a stack through the same
   * compose calls under v1 as well.
   */
  @ComposeV2
  void worktreesRunSideBySideThroughTheirWholeLifecycle(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    Path hooked = tmp.resolve("hook.txt");
    Files.writeString(
        repo.root().resolve(".hannahanna.yml"),
        Files.readString(repo.root().resolve(".hannahanna.yml"))
            + "hooks:\n  post_create: echo \"$WT_NAME $WT_PORTS_WEB $WT_PORTS_API\" >> "
            + hooked
            + "\n");
    assertOk(hn.launch("-C", root, "trust"));
    assertOk(hn.launch("-C", root, "add", "a", "--docker"));
    assertOk(hn.launch("-C", root, "add", "b", "--docker"));
    Map<String, Integer> a = ports(hn, "a");
    Map<String, Integer> b = ports(hn, "b");
    sideBySide(hn, a, b);
    hooksAndLogs(hn, hooked, a, b);
    reassignMovesTheRunningService(hn, b);
    lifecycle(hn);
    removeGivesThePortsBack(hn, a);
    workspaceRestoreStartsTheStacksThatRan(hn);
  }

  /** A saved workspace remembers b's stack ran; restoring it starts the stack again. */
  private void workspaceRestoreStartsTheStacksThatRan(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "workspace", "save", "w"));
    JsonNode saved = json(hn.launch("-C", root, "workspace", "list", "--json"));
    assertTrue(saved.toString().contains("\"dockerRunning\":true"), saved.toString());
    assertOk(hn.launch("-C", root, "docker", "stop", "b"));
    assertEquals("stopped", project(hn, root, "b").get("state").asText());
    assertOk(hn.launch("-C", root, "workspace", "restore", "w"));
    assertEquals("running", project(hn, root, "b").get("state").asText());
  }

  private void sideBySide(QuarkusMainLauncher hn, Map<String, Integer> a, Map<String, Integer> b)
      throws Exception {
    assertNotEquals(a.get("web"), b.get("web"));
    assertFalse(
        a.containsValue(fixedWeb)
            || b.containsValue(fixedWeb)
            || a.containsValue(fixedApi)
            || b.containsValue(fixedApi));

    assertEquals("web a", http(a.get("web")));
    assertEquals("web b", http(b.get("web")));
    assertEquals("api", http(a.get("api")));
    assertEquals("api", http(b.get("api")));
    assertFalse(listening(fixedWeb), "the base file's fixed port stays free");
    assertFalse(listening(fixedApi));

    // Containers carry hn's labels and run under each worktree's own project.
    String mine = "io.hannahanna.hn.repository=" + root;
    assertEquals(4, EngineState.containers(false, mine).size());
    assertEquals(2, EngineState.containers(true, mine, "io.hannahanna.hn.worktree=a").size());
    assertTrue(EngineState.networks(mine).size() >= 2);

    // Environment from docker.env, written through the YAML library: quotes, colons, newlines
    // survive.
    LaunchResult tricky = shell(hn, root, "a", "web", "printf %s \"$TRICKY\"");
    assertEquals(0, tricky.exitCode(), tricky.getErrorOutput());
    assertEquals("a: b\n'\"c # " + a.get("web"), tricky.getOutput());
    LaunchResult api = shell(hn, root, "b", "web", "echo \"$API_URL\"");
    assertEquals("http://localhost:" + b.get("api") + "/x", api.getOutput().strip());

    // Isolated volumes per worktree; the shared volume is one for both.
    assertOk(shell(hn, root, "a", "web", "echo mine > /data/f; echo both > /cache/f"));
    LaunchResult data =
        shell(hn, root, "b", "web", "cat /data/f 2>/dev/null || echo none; cat /cache/f");
    assertEquals("none\nboth", data.getOutput().strip());

    // Plain compose in the worktree finds the same project with what hn info prints.
    JsonNode info = json(hn.launch("-C", root, "info", "a", "--json"));
    String project = info.get("docker").get("project").asText();
    assertTrue(project.matches("app-[0-9a-f]{6}-a"), project);
    assertEquals(2, info.get("docker").get("running").asInt());
  }

  private void hooksAndLogs(
      QuarkusMainLauncher hn, Path hooked, Map<String, Integer> a, Map<String, Integer> b)
      throws Exception {
    assertEquals(
        List.of("a " + a.get("web") + " " + a.get("api"), "b " + b.get("web") + " " + b.get("api")),
        Files.readAllLines(hooked),
        "post_create saw each worktree's ports");
    LaunchResult logs = hn.launch("-C", root, "docker", "logs", "a", "web", "--tail", "5");
    assertEquals(0, logs.exitCode(), logs.getErrorOutput());
    assertTrue(logs.getOutput().contains("web-started"), logs.getOutput());
  }

  /** A running service takes its new port at once: the registry never says what does not run. */
  private void reassignMovesTheRunningService(QuarkusMainLauncher hn, Map<String, Integer> b)
      throws Exception {
    LaunchResult reassigned = hn.launch("-C", root, "ports", "reassign", "b", "web");
    assertOk(reassigned);
    assertTrue(reassigned.getErrorOutput().contains("web: recreated"), reassigned.getErrorOutput());
    int moved = ports(hn, "b").get("web");
    assertNotEquals(b.get("web"), moved);
    assertEquals("web b", http(moved));
    assertFalse(listening(b.get("web")), "the old port is free again");
    b.put("web", moved);
  }

  /** `hn docker exec <worktree> <service> -- sh -c <script>` in the repository. */
  static LaunchResult shell(
      QuarkusMainLauncher hn, String root, String worktree, String service, String script) {
    return hn.launch("-C", root, "docker", "exec", worktree, service, "--", "sh", "-c", script);
  }

  /** The worktree's project as `hn docker ps --json` reports it. */
  static JsonNode project(QuarkusMainLauncher hn, String root, String worktree) throws Exception {
    for (JsonNode p : json(hn.launch("-C", root, "docker", "ps", "--json")).get("projects")) {
      if (p.get("worktree").asText().equals(worktree)) {
        return p;
      }
    }
    throw new AssertionError("no project of " + worktree + " in hn docker ps");
  }

  private void lifecycle(QuarkusMainLauncher hn) throws Exception {
    String ofA = "io.hannahanna.hn.worktree=a";
    String mine = "io.hannahanna.hn.repository=" + root; // not other runs' projects
    JsonNode ps = project(hn, root, "a");
    assertEquals("running", ps.get("state").asText());
    assertEquals(2, ps.get("running").asInt());
    assertEquals(EngineState.containers(true, mine, ofA).size(), ps.get("total").asInt());

    assertOk(hn.launch("-C", root, "docker", "stop", "a"));
    assertEquals(0, EngineState.containers(false, mine, ofA).size());
    assertEquals(2, EngineState.containers(false, mine).size(), "b still runs");
    JsonNode stopped = project(hn, root, "a");
    assertEquals("stopped", stopped.get("state").asText());
    assertEquals(0, stopped.get("running").asInt());
    assertEquals(2, stopped.get("total").asInt());

    assertOk(hn.launch("-C", root, "docker", "start", "a"));
    assertEquals(2, EngineState.containers(false, mine, ofA).size());
    var first = EngineState.containers(false, mine, ofA).get(0);
    String startedAt = EngineState.startedAt(first);
    assertOk(hn.launch("-C", root, "docker", "restart", "a"));
    assertNotEquals(startedAt, EngineState.startedAt(first));

    LaunchResult exec = shell(hn, root, "a", "api", "echo out; exit 7");
    assertEquals(7, exec.exitCode());
    LaunchResult badService =
        hn.launch("-C", root, "docker", "exec", "a", "api;touch " + tmp.resolve("p"), "--", "true");
    assertEquals(1, badService.exitCode());
    assertFalse(Files.exists(tmp.resolve("p")));
  }

  /** Remove takes a's containers, networks and anonymous volume along; its ports go to the next. */
  private void removeGivesThePortsBack(QuarkusMainLauncher hn, Map<String, Integer> a)
      throws Exception {
    String ofA = "io.hannahanna.hn.worktree=a";
    String mine = "io.hannahanna.hn.repository=" + root;
    var web = EngineState.containers(false, mine, ofA, "com.docker.compose.service=web").get(0);
    String anonymous = EngineState.volumeAt(web, "/scratch");
    assertTrue(EngineState.volumeExists(anonymous));
    // a network of the project that compose's down leaves (as a 57-service stack's was left)
    String project =
        json(hn.launch("-C", root, "info", "a", "--json")).get("docker").get("project").asText();
    DockerEngine.docker(
        "network",
        "create",
        "--label",
        "com.docker.compose.project=" + project,
        "--label",
        mine,
        "--label",
        ofA,
        project + "_left");

    assertOk(hn.launch("-C", root, "remove", "a"));
    assertEquals(0, EngineState.containers(true, mine, ofA).size());
    assertEquals(List.of(), EngineState.networks(mine, ofA));
    assertFalse(EngineState.volumeExists(anonymous), "the anonymous volume is gone");
    assertEquals(
        1,
        EngineState.volumes(mine, ofA).size(),
        "the named volume stays (hn docker volume prune removes it)");
    for (JsonNode allocation :
        json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations")) {
      assertEquals("b", allocation.get("worktree").asText(), "a's ports are free");
    }
    assertOk(hn.launch("-C", root, "add", "c"));
    assertEquals(a, ports(hn, "c"), "freed ports are reused");
  }

  @ComposeV2
  void aPortTakenWhileTheWorktreeWasStoppedMovesOnStartOrIsRefusedWithKeepPorts(
      String compose, QuarkusMainLauncher hn) throws Exception {
    DockerEngine.use(compose);
    assertOk(hn.launch("-C", root, "add", "a", "--docker"));
    assertOk(hn.launch("-C", root, "docker", "stop", "a"));
    int before = ports(hn, "a").get("web");
    try (java.net.ServerSocket squatter = new java.net.ServerSocket()) {
      squatter.bind(new java.net.InetSocketAddress("0.0.0.0", before));
      LaunchResult kept = hn.launch("-C", root, "docker", "start", "a", "--keep-ports");
      assertEquals(1, kept.exitCode());
      String refusal = kept.getErrorOutput();
      assertTrue(
          refusal.contains(
              "web's port "
                  + before
                  + " is in use by java (pid "
                  + ProcessHandle.current().pid()
                  + ")"),
          "names who holds it: " + refusal);
      assertTrue(refusal.contains("hn ports reassign a web"), refusal);
      assertFalse(refusal.contains("already allocated"), "not the daemon's raw message");
      assertEquals(before, ports(hn, "a").get("web"));

      LaunchResult moved = hn.launch("-C", root, "docker", "start", "a");
      assertOk(moved);
      int after = ports(hn, "a").get("web");
      assertNotEquals(before, after);
      assertTrue(
          moved
              .getErrorOutput()
              .contains(
                  "web: "
                      + before
                      + " -> "
                      + after
                      + " ("
                      + before
                      + " is in use by another program)"),
          moved.getErrorOutput());
      assertEquals("web a", http(after));
    }

    // a container of another project squatting the port: the refusal names the container
    assertOk(hn.launch("-C", root, "docker", "stop", "a"));
    int held = ports(hn, "a").get("web");
    String squatter = "hn-squatter-" + (int) (Math.random() * 1e6);
    String id = EngineState.run(squatter, Map.of(), held);
    try {
      LaunchResult kept = hn.launch("-C", root, "docker", "start", "a", "--keep-ports");
      assertEquals(1, kept.exitCode());
      assertTrue(
          kept.getErrorOutput()
              .contains("web's port " + held + " is in use by container '" + squatter + "'"),
          kept.getErrorOutput());
    } finally {
      EngineState.remove(id);
    }
  }

  @ComposeVariants
  void aComposeFileThatDoesNotValidateLeavesNothingBehind(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    repo.write(
        "compose.yml",
        "services:\n  web:\n    image: hn-test-busybox:latest\n    bogus_option: 1\n    ports: [\"8080\"]\n");
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n");
    repo.git("commit", "-q", "-am", "broken");
    LaunchResult add = hn.launch("-C", root, "add", "x", "--docker");
    assertEquals(1, add.exitCode());
    assertTrue(add.getErrorOutput().contains("bogus_option"), add.getErrorOutput());
    assertFalse(Files.exists(repo.worktree("x")));
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/x")));
    assertEquals(
        0, json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size());
  }
}
