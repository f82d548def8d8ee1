package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.DockerComposeTest.http;
import static io.hannahanna.hn.cli.DockerComposeTest.listening;
import static io.hannahanna.hn.cli.DockerComposeTest.project;
import static io.hannahanna.hn.cli.DockerComposeTest.shell;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.EngineState;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compose setup shaped like those of widely used self-hosted projects, taken as compose takes it:
 * the stack in a subfolder with its `.env`, a port from a variable, an override file adding a
 * service with a fixed port and container name, `extends` from a second file, a YAML anchor with a
 * merge key, a profile-gated service, and the default network with a bridge name of its own on a
 * subnet from `.env` (as mailcow has it). Taken through the lifecycle commands under Compose v2 and
 * v1: this is where hn's files and compose calls meet v1's differences (DockerComposeTest's stack
 * runs with v2 only).
 */
@HnTest
class RealComposeSetupsTest {
  static final String COMPOSE =
      """
      x-base: &base
        image: hn-test-busybox:latest
        restart: "no"
      services:
        web:
          <<: *base
          command: ["sh", "-c", "echo $$GREETING > /conf/greeting && echo web-started && exec httpd -f -p 8080 -h /conf"]
          env_file: .env
          ports:
            - "${WEB_PORT:-3000}:8080"
          volumes:
            - ./conf:/conf
            - /scratch
            - data:/data
            - shared:/shared
        api:
          extends:
            file: common.yaml
            service: http
        debug:
          <<: *base
          profiles: [debug]
          command: ["sh", "-c", "exec httpd -f -p 80 -h /"]
          ports: ["%3$d:80"]
      networks:
        default:
          driver_opts:
            com.docker.network.bridge.name: br-mailcow
          ipam:
            config:
              - subnet: ${IPV4_NETWORK:-172.22.1}.0/24
      volumes:
        data: {}
        shared: {}
      """;

  static final String COMMON =
      """
      services:
        http:
          image: hn-test-busybox:latest
          command: ["sh", "-c", "mkdir -p /www && echo api > /www/index.html && exec httpd -f -p 80 -h /www"]
          ports: ["%1$d:80"]
      """;

  static final String OVERRIDE =
      """
      services:
        cache:
          image: hn-test-busybox:latest
          container_name: cache
          command: ["sh", "-c", "exec httpd -f -p 6379 -h /"]
          ports: ["%2$d:6379"]
      """;

  @TempDir Path tmp;
  GitRepo repo;
  String root;
  int envPort;
  int fixedApi;
  int fixedCache;
  int fixedDebug;

  @BeforeEach
  void createRepository() {
    DockerEngine.require();
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    envPort = 21000 + (int) (Math.random() * 18000);
    fixedApi = envPort + 1;
    fixedCache = envPort + 2;
    fixedDebug = envPort + 3;
    repo.write("docker/compose.yaml", String.format(COMPOSE, fixedApi, fixedCache, fixedDebug));
    repo.write("docker/common.yaml", String.format(COMMON, fixedApi));
    repo.write("docker/compose.override.yaml", String.format(OVERRIDE, fixedApi, fixedCache));
    repo.write("docker/.env", "WEB_PORT=" + envPort + "\nGREETING=hello\nIPV4_NETWORK=172.23.7\n");
    repo.write("docker/conf/index.html", "main\n");
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  compose_file: [docker/compose.yaml, docker/compose.override.yaml]\n"
            + "  ports:\n    range: "
            + (envPort - 10)
            + "-"
            + (envPort + 60)
            + "\n  env:\n    TRICKY: \"a: b\\n'\\\"c # {{port.web.8080}}\"\n"
            + "  shared:\n    volumes: [shared]\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "stack in a subfolder");
  }

  @AfterEach
  void cleanEngine() {
    DockerEngine.reset();
    if (repo != null) {
      DockerEngine.clean(repo.root());
    }
  }

  @Test
  void composeV2(QuarkusMainLauncher hn) throws Exception {
    // include: is Compose v2's; v1 refuses the key
    repo.write(
        "docker/compose.yaml",
        "include:\n  - included.yaml\n"
            + Files.readString(repo.root().resolve("docker/compose.yaml")));
    repo.write(
        "docker/included.yaml",
        "services:\n  worker:\n    image: hn-test-busybox:latest\n"
            + "    command: [\"sh\", \"-c\", \"mkdir -p /w && echo worker > /w/index.html && exec httpd -f -p 80 -h /w\"]\n"
            + "    ports: [\""
            + (envPort + 4)
            + ":80\"]\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "include");
    twoWorktreesRunSideBySide(hn, "docker compose", true);
  }

  @Test
  void composeV1(QuarkusMainLauncher hn) throws Exception {
    twoWorktreesRunSideBySide(hn, "docker-compose", false);
  }

  /** included: the project includes a file (Compose v2's include:), whose service must run. */
  private void twoWorktreesRunSideBySide(QuarkusMainLauncher hn, String compose, boolean included)
      throws Exception {
    DockerEngine.use(compose);
    for (String name : List.of("a", "b")) {
      assertOk(hn.launch("-C", root, "add", name));
      Files.writeString(repo.worktree(name).resolve("docker/conf/index.html"), "conf of " + name);
      assertOk(hn.launch("-C", root, "docker", "start", name));
    }
    Map<String, Integer> a = ports(hn, "a");
    Map<String, Integer> b = ports(hn, "b");
    assertEquals(
        included
            ? List.of("api", "cache", "debug", "web", "worker")
            : List.of("api", "cache", "debug", "web"),
        a.keySet().stream().sorted().toList(),
        "every service that can run has ports, the profile-gated one included");
    if (included) {
      assertEquals("worker", http(a.get("worker")), "the included service runs");
      assertFalse(listening(envPort + 4), "the included file's fixed port stays free");
    }
    for (String service : a.keySet()) {
      assertNotEquals(a.get(service), b.get(service), service);
    }
    for (int fixed : List.of(envPort, fixedApi, fixedCache, fixedDebug)) {
      assertFalse(a.containsValue(fixed) || b.containsValue(fixed), "fixed port " + fixed);
      assertFalse(listening(fixed), "the main checkout's port " + fixed + " stays free");
    }
    assertEquals("conf of a", http(a.get("web")), "each worktree mounts its own docker/conf");
    String mine = "io.hannahanna.hn.repository=" + root;
    List<String> subnetOfA =
        EngineState.subnets(mine, "io.hannahanna.hn.worktree=a").values().iterator().next();
    List<String> subnetOfB =
        EngineState.subnets(mine, "io.hannahanna.hn.worktree=b").values().iterator().next();
    assertEquals(1, subnetOfA.size(), subnetOfA.toString());
    assertTrue(subnetOfA.get(0).endsWith("/24"), "the same size as .env's: " + subnetOfA);
    assertNotEquals(subnetOfA, subnetOfB, "each worktree's network on a subnet of its own");
    assertNotEquals(List.of("172.23.7.0/24"), subnetOfA);
    assertEquals("conf of b", http(b.get("web")));
    assertEquals("api", http(a.get("api")), "the service taken with extends runs");
    assertFalse(listening(a.get("debug")), "a profile-gated service is not started");
    assertEquals(
        "hello\n",
        Files.readString(repo.worktree("a").resolve("docker/conf/greeting")),
        "env_file: .env beside the compose file");
    Path generated = repo.root().resolve(".hn-state/worktrees/a/compose.yml");
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(generated)));

    // hn env, evaluated in bash, gives the ports the engine reports, and plain compose finds the
    // worktree's project through COMPOSE_PROJECT_NAME and COMPOSE_FILE
    LaunchResult env = hn.launch("-C", root, "env", "a", "--format", "shell");
    assertOk(env);
    var web = webOf("a");
    int engine = EngineState.publishedPort(web, 8080);
    GitRepo.Result evaluated =
        GitRepo.exec(
            tmp,
            List.of(
                "bash",
                "-c",
                "eval \"$1\"; echo \"$WT_PORTS_WEB_8080\"; "
                    + String.join(" ", compose.split(" "))
                    + " ps -q | wc -l",
                "bash",
                env.getOutput()),
            Map.of());
    List<String> out = evaluated.stdout().lines().map(String::strip).toList();
    assertEquals(String.valueOf(engine), out.get(0), evaluated.stderr());
    assertEquals(
        included ? "4" : "3",
        out.get(1),
        "plain compose in that shell sees the worktree's containers");

    throughTheLifecycleCommands(hn, a);

    // named services start alone; --profile turns a profile on
    assertOk(hn.launch("-C", root, "docker", "stop", "b"));
    assertEquals("stopped", project(hn, root, "b").get("state").asText());
    assertOk(hn.launch("-C", root, "docker", "start", "b", "web"));
    assertEquals(
        1,
        EngineState.containers(false, mine, "io.hannahanna.hn.worktree=b").size(),
        "only the named service starts");
    assertEquals("conf of b", http(b.get("web")));
    assertOk(hn.launch("-C", root, "docker", "start", "b", "--profile", "debug"));
    assertTrue(listening(b.get("debug")), "--profile debug starts the debug service");

    LaunchResult info = hn.launch("-C", root, "info", "a");
    assertFalse(info.getOutput().contains("hello"), "no environment values in info");
    String ofA = "io.hannahanna.hn.worktree=a";
    assertEquals(
        included ? 4 : 3,
        EngineState.containers(false, mine, ofA).size(),
        "web, api, cache (and worker) run");
    String anonymous = EngineState.volumeAt(web, "/scratch");
    assertTrue(EngineState.volumeExists(anonymous));
    assertOk(hn.launch("-C", root, "remove", "a", "--force"));
    assertEquals(0, EngineState.containers(true, mine, ofA).size());
    assertEquals(List.of(), EngineState.networks(mine, ofA));
    assertFalse(EngineState.volumeExists(anonymous), "the anonymous volume goes with a");
    assertEquals(
        1, EngineState.volumes(mine, ofA).size(), "a's named volume stays (until volume prune)");
    assertTrue(http(b.get("web")).contains("conf of b"), "b is untouched by removing a");
  }

  /**
   * What a user does with a running stack, each a compose call: exec (a docker.env value quoted
   * through the YAML of both compose versions, its exit code), volumes of its own and a shared one,
   * logs (restart: DockerComposeTest).
   */
  private void throughTheLifecycleCommands(QuarkusMainLauncher hn, Map<String, Integer> a)
      throws Exception {
    LaunchResult exec =
        shell(
            hn,
            root,
            "a",
            "web",
            "printf %s \"$TRICKY\"; echo mine > /data/f; echo both > /shared/f; exit 7");
    assertEquals(7, exec.exitCode(), exec.getErrorOutput());
    assertEquals("a: b\n'\"c # " + a.get("web"), exec.getOutput());
    LaunchResult data =
        shell(hn, root, "b", "web", "cat /data/f 2>/dev/null || echo none; cat /shared/f");
    assertEquals("none\nboth", data.getOutput().strip(), "a volume of its own, and the shared one");

    LaunchResult logs = hn.launch("-C", root, "docker", "logs", "a", "web", "--tail", "5");
    assertEquals(0, logs.exitCode(), logs.getErrorOutput());
    assertTrue(logs.getOutput().contains("web-started"), logs.getOutput());
    assertEquals("running", project(hn, root, "a").get("state").asText());
  }

  private com.github.dockerjava.api.model.Container webOf(String worktree) {
    return EngineState.containers(
            false,
            "io.hannahanna.hn.repository=" + root,
            "io.hannahanna.hn.worktree=" + worktree,
            "com.docker.compose.service=web")
        .get(0);
  }

  private Map<String, Integer> ports(QuarkusMainLauncher hn, String worktree) throws Exception {
    Map<String, Integer> ports = new HashMap<>();
    for (JsonNode p :
        json(hn.launch("-C", root, "ports", "show", worktree, "--json")).get("allocations")) {
      ports.put(p.get("service").asText(), p.get("hostPort").asInt());
    }
    return ports;
  }
}
