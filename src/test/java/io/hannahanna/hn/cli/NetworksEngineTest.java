package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.EngineState;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two networks with fixed subnets and a service with fixed addresses, as self-hosted stacks write
 * them, run in two worktrees side by side on the real engine: each worktree's networks have their
 * own subnets, each container its address at the same offset, and remove gives the subnets back.
 * Compose v1 takes a rewritten subnet in {@link RealComposeSetupsTest}.
 */
@HnTest
class NetworksEngineTest {
  static final String COMPOSE =
      """
      services:
        web:
          image: hn-test-busybox:latest
          command: ["sh", "-c", "exec httpd -f -p 8080 -h /"]
          ports: ["8080"]
          networks:
            front:
              ipv4_address: 172.28.0.10
            back:
              ipv4_address: 172.29.5.20
        worker:
          image: hn-test-busybox:latest
          command: ["sleep", "600"]
          networks:
            back:
              ipv4_address: 172.29.5.30
      networks:
        front:
          ipam:
            config:
              - subnet: 172.28.0.0/16
                gateway: 172.28.0.1
        back:
          ipam:
            config:
              - subnet: 172.29.5.0/24
                ip_range: 172.29.5.0/25
      """;

  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    DockerEngine.require();
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    repo.write("compose.yml", COMPOSE);
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "fixed subnets");
  }

  @AfterEach
  void cleanEngine() {
    DockerEngine.reset();
    if (repo != null) {
      DockerEngine.clean(repo.root());
    }
  }

  @ComposeV2
  void twoWorktreesRunSideBySideOnTheirOwnSubnets(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    for (String name : List.of("a", "b")) {
      assertOk(hn.launch("-C", root, "add", name));
      assertOk(hn.launch("-C", root, "docker", "start", name));
    }
    Map<String, String> a = subnets(hn, "a");
    Map<String, String> b = subnets(hn, "b");
    assertNotEquals(a.get("front"), b.get("front"));
    assertNotEquals(a.get("back"), b.get("back"));
    for (String worktree : List.of("a", "b")) {
      Map<String, String> own = worktree.equals("a") ? a : b;
      assertEquals(
          java.util.stream.Stream.of(own.get("back"), own.get("front")).sorted().toList(),
          EngineState.subnets(
                  "io.hannahanna.hn.repository=" + root, "io.hannahanna.hn.worktree=" + worktree)
              .values()
              .stream()
              .flatMap(List::stream)
              .sorted()
              .toList(),
          "the engine's networks of " + worktree + " have the registry's subnets");
      assertEquals(
          java.util.stream.Stream.of(at(own.get("back"), 20), at(own.get("front"), 10))
              .sorted()
              .toList(),
          addresses(worktree, "web"),
          "web of " + worktree + " at the same offsets");
      assertEquals(List.of(at(own.get("back"), 30)), addresses(worktree, "worker"));
    }

    String freed = a.get("front");
    assertOk(hn.launch("-C", root, "remove", "a"));
    assertOk(hn.launch("-C", root, "add", "c"));
    assertEquals(freed, subnets(hn, "c").get("front"), "the next worktree gets the subnet back");
  }

  @ComposeV2
  void publishedHostNetworkServicesAnswerOnTheirOwnPorts(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    repo.write(
        "compose.yml",
        """
        services:
          agent:
            image: hn-test-busybox:latest
            network_mode: host
            expose: ["8090"]
            command: ["sh", "-c", "mkdir -p /w && echo $$NAME > /w/index.html && exec httpd -f -p 8090 -h /w"]
        """);
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  host_network: publish\n"
            + "  env:\n    NAME: \"{{worktree_name}}\"\n");
    repo.git("commit", "-q", "-am", "a host network service");
    Map<String, Integer> ports = new TreeMap<>();
    for (String name : List.of("a", "b")) {
      assertOk(hn.launch("-C", root, "add", name));
      assertOk(hn.launch("-C", root, "docker", "start", name));
      ports.put(
          name,
          json(hn.launch("-C", root, "ports", "show", name, "--json"))
              .get("allocations")
              .get(0)
              .get("hostPort")
              .asInt());
    }
    assertNotEquals(ports.get("a"), ports.get("b"));
    assertEquals("a", DockerComposeTest.http(ports.get("a")));
    assertEquals("b", DockerComposeTest.http(ports.get("b")));
  }

  /** The address at an offset in a subnet: at("10.160.0.0/16", 10) is 10.160.0.10. */
  private static String at(String subnet, int offset) {
    return Subnet.parse(subnet).address(java.math.BigInteger.valueOf(offset));
  }

  private List<String> addresses(String worktree, String service) {
    Container container =
        EngineState.containers(
                false,
                "io.hannahanna.hn.repository=" + root,
                "io.hannahanna.hn.worktree=" + worktree,
                "com.docker.compose.service=" + service)
            .get(0);
    return EngineState.addresses(container).values().stream().sorted().toList();
  }

  private Map<String, String> subnets(QuarkusMainLauncher hn, String worktree) throws Exception {
    Map<String, String> subnets = new TreeMap<>();
    for (JsonNode n : json(hn.launch("-C", root, "networks", "list", "--json")).get("subnets")) {
      if (n.get("worktree").asText().equals(worktree)) {
        subnets.put(n.get("network").asText(), n.get("subnet").asText());
      }
    }
    return subnets;
  }
}
