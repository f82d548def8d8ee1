package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.StandInDocker;
import io.hannahanna.hn.support.Trusted;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What hn decides about networks, with stand-in docker and compose programs: subnets from the
 * registry, the engine's subnets skipped, addresses for templates and `hn env`, subnets freed on
 * remove. NetworksEngineTest shows the containers on them.
 */
@QuarkusMainTest
class NetworksCommandsTest {
  static final String COMPOSE =
      """
      services:
        web:
          image: x
          ports: ["8080:80"]
          networks:
            front:
              ipv4_address: 172.28.0.10
            back: {}
      networks:
        front:
          ipam:
            config:
              - subnet: 172.28.0.0/16
                gateway: 172.28.0.1
        back:
          ipam:
            config:
              - subnet: 10.5.0.0/24
      """;

  @TempDir Path tmp;
  GitRepo repo;
  String root;
  StandInDocker docker;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    docker = StandInDocker.in(tmp);
    repo.write("compose.yml", COMPOSE);
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  compose_command: "
            + docker.compose()
            + "\n  env:\n    WEB_IP: \"{{ip.web.front}}\"\n    FRONT: \"{{subnet.front}}\"\n");
    Trusted.config(repo.root());
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "two networks with fixed subnets");
  }

  @AfterEach
  void forgetStandIn() {
    System.clearProperty("hn.docker");
  }

  @Test
  void eachWorktreeGetsItsOwnSubnetsAndGivesThemBack(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    assertEquals(
        List.of("a back 10.5.0.0/24 10.161.0.0/24", "a front 172.28.0.0/16 10.160.0.0/16"),
        subnets(hn));
    String generated = Files.readString(composeFile("a"));
    assertTrue(generated.contains("subnet: 10.160.0.0/16"), generated);
    assertTrue(generated.contains("gateway: 10.160.0.1"), generated);
    assertTrue(generated.contains("ipv4_address: 10.160.0.10"), generated);
    assertTrue(generated.contains("WEB_IP: 10.160.0.10"), generated);

    // a network on the engine (not hn's) holds 10.161.0.0/16: it is skipped
    docker.engineNetworks("other\tsomeone\t10.161.0.0/16 fd00:1::/64");
    assertOk(hn.launch("-C", root, "add", "b"));
    assertEquals(
        List.of(
            "a back 10.5.0.0/24 10.161.0.0/24",
            "a front 172.28.0.0/16 10.160.0.0/16",
            "b back 10.5.0.0/24 10.163.0.0/24",
            "b front 172.28.0.0/16 10.162.0.0/16"),
        subnets(hn));
    JsonNode env = json(hn.launch("-C", root, "env", "b", "--format", "json"));
    assertEquals("10.162.0.0/16", env.get("WT_SUBNET_FRONT").asText());
    assertEquals("10.162.0.10", env.get("WT_IP_WEB_FRONT").asText());
    assertEquals("10.162.0.0/16", env.get("FRONT").asText());

    LaunchResult sql =
        hn.launch(
            "-C",
            root,
            "registry",
            "sql",
            "SELECT worktree, subnet FROM network_allocations_v WHERE network = 'back'");
    assertOk(sql);
    assertTrue(sql.getOutput().contains("10.163.0.0/24"), sql.getOutput());
    LaunchResult table = hn.launch("-C", root, "networks", "list");
    assertOk(table);
    assertTrue(table.getOutput().contains("10.163.0.0/24"), table.getOutput());

    assertOk(hn.launch("-C", root, "remove", "a"));
    docker.engineNetworks();
    assertOk(hn.launch("-C", root, "add", "c"));
    List<String> after = subnets(hn);
    assertFalse(after.stream().anyMatch(s -> s.startsWith("a ")), after.toString());
    assertTrue(after.contains("c front 172.28.0.0/16 10.160.0.0/16"), after.toString());
  }

  @Test
  void aSubnetAnotherNetworkTookIsReportedAndMovedAtTheNextStart(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "a"));
    JsonNode fine = check(hn, "subnets");
    assertEquals("ok", fine.get("status").asText(), fine.toString());

    // while a's stack is down, someone else's network takes its front subnet
    docker.engineNetworks("intruder\tother-project\t10.160.0.0/16");
    JsonNode taken = check(hn, "subnets");
    assertEquals("warn", taken.get("status").asText(), taken.toString());
    assertTrue(taken.get("detail").asText().contains("a/front 10.160.0.0/16"), taken.toString());
    assertTrue(taken.get("detail").asText().contains("intruder"), taken.toString());
    assertTrue(taken.get("fix").asText().contains("hn docker start a"), taken.toString());

    LaunchResult started = hn.launch("-C", root, "docker", "start", "a");
    assertOk(started);
    assertTrue(
        started.getErrorOutput().contains("front: 10.160.0.0/16 -> 10.162.0.0/16"),
        started.getErrorOutput());
    assertEquals(
        List.of("a back 10.5.0.0/24 10.161.0.0/24", "a front 172.28.0.0/16 10.162.0.0/16"),
        subnets(hn));
    assertTrue(Files.readString(composeFile("a")).contains("ipv4_address: 10.162.0.10"));
  }

  private JsonNode check(QuarkusMainLauncher hn, String name) throws Exception {
    for (JsonNode c : json(hn.launch("-C", root, "doctor", "--json")).get("checks")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name);
  }

  static final String HOST_SERVICE =
      """
      services:
        agent:
          image: x
          network_mode: host
          expose: ["8125"]
        web:
          image: x
          ports: ["8080:80"]
      """;

  @Test
  void aHostNetworkServiceIsLeftAsItIsWithOneWarningPerWorktree(QuarkusMainLauncher hn)
      throws Exception {
    repo.write("compose.yml", HOST_SERVICE);
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  compose_command: " + docker.compose() + "\n");
    Trusted.config(repo.root());
    repo.git("commit", "-q", "-am", "host network");
    LaunchResult added = hn.launch("-C", root, "add", "a");
    assertOk(added);
    String warning = "service 'agent' uses the host's network";
    assertEquals(1, added.getErrorOutput().split(warning, -1).length - 1, added.getErrorOutput());
    assertTrue(added.getErrorOutput().contains("docker.host_network: publish"));
    assertEquals(List.of("web"), services(hn, "a"));
    LaunchResult started = hn.launch("-C", root, "docker", "start", "a");
    assertOk(started);
    assertFalse(started.getErrorOutput().contains(warning), "said once per worktree");
    assertTrue(Files.readString(composeFile("a")).contains("network_mode: host"));
  }

  @Test
  void publishBridgesAHostNetworkServiceWithPortsOfItsOwn(QuarkusMainLauncher hn) throws Exception {
    repo.write("compose.yml", HOST_SERVICE);
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  host_network: publish\n  compose_command: "
            + docker.compose()
            + "\n");
    Trusted.config(repo.root());
    repo.git("commit", "-q", "-am", "host network, published");
    LaunchResult added = hn.launch("-C", root, "add", "a");
    assertOk(added);
    assertFalse(added.getErrorOutput().contains("host's network"), added.getErrorOutput());
    assertEquals(List.of("agent", "web"), services(hn, "a"));
    String generated = Files.readString(composeFile("a"));
    assertFalse(generated.contains("network_mode"), generated);
    assertTrue(generated.contains(":8125/tcp"), generated);
  }

  private List<String> services(QuarkusMainLauncher hn, String worktree) throws Exception {
    List<String> services = new ArrayList<>();
    for (JsonNode p :
        json(hn.launch("-C", root, "ports", "show", worktree, "--json")).get("allocations")) {
      services.add(p.get("service").asText());
    }
    return services.stream().distinct().sorted().toList();
  }

  private Path composeFile(String worktree) {
    return repo.root().resolve(".hn-state/worktrees/" + worktree + "/compose.yml");
  }

  private List<String> subnets(QuarkusMainLauncher hn) throws Exception {
    LaunchResult result = hn.launch("-C", root, "networks", "list", "--json");
    assertOk(result);
    List<String> rows = new ArrayList<>();
    for (JsonNode n : json(result).get("subnets")) {
      rows.add(
          n.get("worktree").asText()
              + " "
              + n.get("network").asText()
              + " "
              + n.get("baseSubnet").asText()
              + " "
              + n.get("subnet").asText());
    }
    return rows;
  }
}
