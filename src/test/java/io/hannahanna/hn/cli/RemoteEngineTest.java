package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.RemoteEngine;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository pinned to a second, real engine on another host (a network namespace here) with
 * docker.context: its stacks run there whatever the shell's engine is, hn env says where they are,
 * bind mounts of this machine's folders are refused, and remove cleans up there.
 */
@HnTest
class RemoteEngineTest {
  static final String COMPOSE =
      """
      services:
        web:
          image: hn-test-busybox:latest
          command: ["sh", "-c", "mkdir -p /www && echo remote > /www/index.html && exec httpd -f -p 8080 -h /www"]
          ports:
            - "8080"
      """;

  @TempDir Path tmp;
  GitRepo repo;
  String holder;
  String late;

  @AfterEach
  void clean() {
    if (late != null) {
      RemoteEngine.docker("rm", "-f", late);
    }
    if (holder != null) {
      RemoteEngine.docker("rm", "-f", holder);
    }
    if (repo != null) {
      String label = "io.hannahanna.hn.repository=" + repo.root();
      RemoteEngine.containers(label).forEach(c -> RemoteEngine.docker("rm", "-f", c));
      DockerEngine.clean(repo.root());
    }
  }

  @Test
  @SuppressWarnings("try") // the socket on this machine is held while hn allocates
  void aPinnedRepositoryRunsItsStacksOnTheRemoteEngine(QuarkusMainLauncher hn) throws Exception {
    RemoteEngine.require();
    repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    String mine = "io.hannahanna.hn.repository=" + root;
    int first = 20000 + new java.util.Random().nextInt(20000);
    repo.write("compose.yml", COMPOSE);
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  context: "
            + RemoteEngine.CONTEXT
            + "\n  ports:\n    range: "
            + first
            + "-"
            + (first + 20)
            + "\n  healthcheck:\n    endpoints:\n      web: /\n"
            // another hn sharing the engine takes the port between hn's check and compose's up
            + "hooks:\n  pre_docker_start: \"[ -e "
            + tmp.resolve("late")
            + " ] || { touch "
            + tmp.resolve("late")
            + " && docker --context "
            + RemoteEngine.CONTEXT
            + " run -d --name hn-test-late-$WT_PORTS_WEB --network host "
            + DockerEngine.IMAGE
            + " httpd -f -p $WT_PORTS_WEB; }\"\n");
    late = "hn-test-late-" + (first + 1);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    assertOk(hn.launch("-C", root, "trust"));

    // ports are probed where they are published: the first of the range is held by a program on
    // the remote host (not one of hn's); the second only by one on this machine, which is no
    // obstacle there
    holder = "hn-test-holder-" + first;
    assertEquals(
        0,
        RemoteEngine.docker(
                "run",
                "-d",
                "--name",
                holder,
                "--network",
                "host",
                DockerEngine.IMAGE,
                "httpd",
                "-f",
                "-p",
                Integer.toString(first))
            .exit());
    LaunchResult add;
    try (java.net.ServerSocket here = new java.net.ServerSocket(first + 1)) {
      add = hn.launch("-C", root, "add", "a", "--docker");
    }
    assertOk(add);
    assertTrue(
        add.getErrorOutput().contains("engine " + RemoteEngine.CONTEXT), add.getErrorOutput());
    assertEquals(1, RemoteEngine.containers(mine).size(), "the stack runs on the remote engine");
    assertEquals(List.of(), DockerEngine.lines("ps", "-aq", "--filter", "label=" + mine));

    // where the services are: the engine's host, and the URL answers from this machine
    JsonNode env = json(hn.launch("-C", root, "env", "a", "--format", "json"));
    String host = RemoteEngine.host();
    assertEquals(host, env.get("WT_HOST").asText());
    assertTrue(
        add.getErrorOutput().contains("web: " + (first + 1) + " -> " + (first + 2)),
        "probed on the engine's host (not "
            + first
            + "), then moved when up could not bind it: "
            + add.getErrorOutput());
    assertEquals(first + 2, env.get("WT_PORTS_WEB").asInt());
    String url = env.get("WT_URL_WEB").asText();
    assertEquals("http://" + host + ":" + env.get("WT_PORTS_WEB").asText(), url);
    assertEquals("remote", get(url + "/").strip());
    String shell = hn.launch("-C", root, "env", "a", "--format", "shell").getOutput();
    assertTrue(shell.contains("export DOCKER_CONTEXT=" + RemoteEngine.CONTEXT), shell);
    JsonNode ps = json(hn.launch("-C", root, "docker", "ps", "--json")).get("projects").get(0);
    assertEquals("running", ps.get("state").asText());
    assertEquals(RemoteEngine.CONTEXT, ps.get("engine").asText());

    // a health endpoint is requested where the port is published
    JsonNode health = json(hn.launch("-C", root, "docker", "health", "a", "--json"));
    assertEquals(
        "healthy", health.get("services").get(0).get("verdict").asText(), health.toString());

    JsonNode doctor = json(hn.launch("-C", root, "doctor", "--json")).get("checks");
    JsonNode remote = check(doctor, "engine " + RemoteEngine.CONTEXT);
    assertEquals("ok", remote.get("status").asText(), remote.toString());
    assertTrue(remote.get("detail").asText().contains("clock"), remote.toString());

    // a bind mount of a folder on this machine: refused in one sentence, nothing started
    Path a = repo.worktree("a");
    Files.writeString(a.resolve("compose.yml"), COMPOSE + "    volumes:\n      - ./src:/app\n");
    assertOk(hn.launch("-C", root, "docker", "stop", "a"));
    LaunchResult refused = hn.launch("-C", root, "docker", "start", "a");
    assertEquals(1, refused.exitCode());
    String said = refused.getErrorOutput().strip();
    assertTrue(said.contains("'web' mounts ./src"), said);
    assertTrue(said.contains("docker.remote_paths: same"), said);
    assertEquals(1, said.lines().count(), said);

    assertOk(hn.launch("-C", root, "remove", "--force", "a"));
    assertEquals(List.of(), RemoteEngine.containers(mine), "removed on the remote engine");
  }

  /**
   * The shell's current context moves to the remote engine: a repository pinned to the local one
   * (docker.context: default) stays there; an unpinned one follows the shell.
   */
  @Test
  void aPinnedContextSurvivesAChangeOfTheShellsContext(QuarkusMainLauncher hn) throws Exception {
    RemoteEngine.require();
    repo = GitRepo.create(tmp.resolve("pinned"));
    String mine = "io.hannahanna.hn.repository=" + repo.root();
    repo.write("compose.yml", COMPOSE);
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n  context: default\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    GitRepo follower = GitRepo.create(tmp.resolve("follower"));
    assertOk(hn.launch("-C", root(repo), "trust"));
    assertEquals(0, DockerEngine.docker("context", "use", RemoteEngine.CONTEXT).exit());
    try {
      assertOk(hn.launch("-C", root(repo), "add", "a", "--docker"));
      assertEquals(
          1,
          DockerEngine.lines("--context", "default", "ps", "-q", "--filter", "label=" + mine)
              .size());
      assertEquals(List.of(), RemoteEngine.containers(mine));
      assertEquals(
          "localhost",
          json(hn.launch("-C", root(repo), "env", "a", "--format", "json"))
              .get("WT_HOST")
              .asText());

      assertOk(hn.launch("-C", root(follower), "add", "b"));
      assertOk(hn.launch("-C", root(follower), "ports", "allocate", "b", "web:80"));
      JsonNode env = json(hn.launch("-C", root(follower), "env", "b", "--format", "json"));
      assertEquals(
          RemoteEngine.host(), env.get("WT_HOST").asText(), "unpinned: the shell's engine");
      assertOk(hn.launch("-C", root(repo), "remove", "--force", "a"));
    } finally {
      DockerEngine.docker("context", "use", "default");
    }
  }

  /**
   * hn add --context pins one worktree's stack to an engine: every later command for it goes there,
   * while the repository's other worktrees stay on the shell's engine.
   */
  @Test
  void aWorktreeAddedWithContextStaysOnItsEngine(QuarkusMainLauncher hn) throws Exception {
    RemoteEngine.require();
    repo = GitRepo.create(tmp);
    String root = root(repo);
    String mine = "io.hannahanna.hn.repository=" + root;
    repo.write("compose.yml", COMPOSE);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");

    LaunchResult unknown = hn.launch("-C", root, "add", "x", "--context", "no-such-engine");
    assertEquals(ExitCode.USAGE, unknown.exitCode());
    assertTrue(
        unknown.getErrorOutput().contains("no docker context 'no-such-engine'"),
        unknown.getErrorOutput());
    assertTrue(Files.notExists(repo.worktree("x")), "nothing created");

    assertOk(hn.launch("-C", root, "add", "far", "--context", RemoteEngine.CONTEXT));
    assertOk(hn.launch("-C", root, "add", "near", "--docker"));
    String far = "io.hannahanna.hn.worktree=far";
    assertEquals(1, RemoteEngine.containers(far).size());
    assertEquals(1, DockerEngine.lines("ps", "-q", "--filter", "label=" + mine).size(), "near");

    JsonNode ps = json(hn.launch("-C", root, "docker", "ps", "--json")).get("projects");
    assertEquals("far", ps.get(0).get("worktree").asText());
    assertEquals(RemoteEngine.CONTEXT, ps.get(0).get("engine").asText());
    assertEquals("running", ps.get(0).get("state").asText());
    assertTrue(ps.get(1).get("engine").isNull(), ps.toString());
    assertEquals("running", ps.get(1).get("state").asText());
    assertEquals(
        RemoteEngine.host(),
        json(hn.launch("-C", root, "env", "far", "--format", "json")).get("WT_HOST").asText());

    assertOk(hn.launch("-C", root, "docker", "stop", "far"));
    assertEquals(
        0, RemoteEngine.docker("ps", "-q", "--filter", "label=" + far).stdout().strip().length());
    // deleted behind hn's back: hn prune cleans its stack up on the engine it ran on
    io.hannahanna.hn.worktree.Worktrees.deleteTree(repo.worktree("far"));
    assertOk(hn.launch("-C", root, "prune"));
    assertEquals(List.of(), RemoteEngine.containers(far), "pruned on its engine");
    assertOk(hn.launch("-C", root, "remove", "--force", "near"));
  }

  /** The registry keeps a port space per engine host: both engines can use the same port. */
  @Test
  void theSamePortIsHandedOutOnEachEnginesHost(QuarkusMainLauncher hn) throws Exception {
    RemoteEngine.require();
    int first = 20000 + new java.util.Random().nextInt(20000);
    String range = "\n  ports:\n    range: " + first + "-" + (first + 20) + "\n";
    repo = GitRepo.create(tmp.resolve("remote"));
    repo.write(".hannahanna.yml", "docker:\n  context: " + RemoteEngine.CONTEXT + range);
    GitRepo local = GitRepo.create(tmp.resolve("local"));
    local.write(".hannahanna.yml", "docker:" + range);
    System.setProperty("hn.registry", tmp.resolve("shared.db").toString()); // one registry
    try {
      allocateTheFirstPortInEach(hn, first, List.of(repo, local));
    } finally {
      System.clearProperty("hn.registry");
    }
  }

  private void allocateTheFirstPortInEach(QuarkusMainLauncher hn, int first, List<GitRepo> repos)
      throws Exception {
    GitRepo local = repos.get(1);
    for (GitRepo r : repos) {
      r.git("add", ".");
      r.git("commit", "-q", "-m", "config");
      assertOk(hn.launch("-C", r.root().toString(), "trust"));
      assertOk(hn.launch("-C", r.root().toString(), "add", "w"));
      LaunchResult allocated =
          hn.launch("-C", r.root().toString(), "ports", "allocate", "w", "web:8080");
      assertOk(allocated);
      assertEquals(
          first,
          json(allocated).get("allocations").get(0).get("hostPort").asInt(),
          "the first port of the range, on " + r.root());
    }
    JsonNode rows =
        json(
            hn.launch(
                "-C",
                root(local),
                "registry",
                "sql",
                "--json",
                "SELECT engine_host FROM port_allocations_v WHERE host_port = "
                    + first
                    + " ORDER BY engine_host"));
    assertEquals(List.of("", RemoteEngine.host()), engineHosts(rows), rows.toString());
  }

  private static List<String> engineHosts(JsonNode rows) {
    List<String> hosts = new java.util.ArrayList<>();
    rows.forEach(r -> hosts.add(r.get("engine_host").asText()));
    return hosts;
  }

  private static JsonNode check(JsonNode checks, String name) {
    for (JsonNode c : checks) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + checks);
  }

  /**
   * hn tunnel forwards a worktree's ports from its ssh engine's host to the same numbers on this
   * machine's loopback, until it is ended; a tcp engine's ports need no tunnel, and it says so.
   */
  @Test
  void tunnelMakesAnSshEnginesPortsAnswerOnLocalhost(QuarkusMainLauncher hn) throws Exception {
    RemoteEngine.requireSsh();
    repo = GitRepo.create(tmp);
    String root = root(repo);
    repo.write("compose.yml", COMPOSE);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    assertOk(hn.launch("-C", root, "add", "t", "--context", RemoteEngine.SSH_CONTEXT));
    int web =
        json(hn.launch("-C", root, "env", "t", "--format", "json")).get("WT_PORTS_WEB").asInt();
    String here = "http://127.0.0.1:" + web + "/";
    assertTrue(answers(here) == null, "nothing on this machine's port before the tunnel");

    java.util.concurrent.ExecutorService thread =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<LaunchResult> tunnel =
          thread.submit(() -> hn.launch("-C", root, "tunnel", "t"));
      String body = null;
      for (int i = 0; i < 100 && body == null; i++) {
        Thread.sleep(100);
        body = answers(here);
      }
      assertEquals("remote", body == null ? null : body.strip(), "through the tunnel");
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains("127.0.0.1:" + web + ":"))
          .forEach(ProcessHandle::destroy); // what Ctrl-C does
      LaunchResult ended = tunnel.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(ended.getErrorOutput().contains("localhost:" + web), ended.getErrorOutput());
    } finally {
      thread.shutdownNow();
    }

    assertOk(hn.launch("-C", root, "add", "here", "--no-docker"));
    LaunchResult needless = hn.launch("-C", root, "tunnel", "here");
    assertEquals(1, needless.exitCode());
    assertTrue(
        needless.getErrorOutput().contains("runs on this machine's engine"),
        needless.getErrorOutput());
    assertOk(hn.launch("-C", root, "remove", "--force", "t"));
  }

  /** The body at a URL, or null when nothing answers. */
  private static String answers(String url) {
    try {
      return HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .build()
          .send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** An engine hn has stacks on that cannot be reached: hn doctor says so and how to look. */
  @Test
  void doctorWarnsAboutAnEngineItCannotReach(QuarkusMainLauncher hn) throws Exception {
    RemoteEngine.require();
    String gone = "hn-test-gone";
    DockerEngine.docker("context", "rm", "-f", gone);
    assertEquals(
        0,
        DockerEngine.docker("context", "create", gone, "--docker", "host=tcp://127.0.0.1:1")
            .exit());
    try {
      repo = GitRepo.create(tmp);
      repo.write(".hannahanna.yml", "docker:\n  context: " + gone + "\n");
      assertOk(hn.launch("-C", root(repo), "trust"));
      JsonNode doctor = json(hn.launch("-C", root(repo), "doctor", "--json")).get("checks");
      JsonNode engine = check(doctor, "engine " + gone);
      assertEquals("warn", engine.get("status").asText(), engine.toString());
      assertTrue(engine.get("detail").asText().startsWith("not reachable"), engine.toString());
      assertTrue(engine.get("fix").asText().contains("docker context inspect " + gone));
    } finally {
      DockerEngine.docker("context", "rm", "-f", gone);
    }
  }

  private static String root(GitRepo r) {
    return r.root().toString();
  }

  private static String get(String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int attempt = 0; ; attempt++) {
      try {
        return client
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
      } catch (java.io.IOException e) {
        if (attempt == 20) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }
}
