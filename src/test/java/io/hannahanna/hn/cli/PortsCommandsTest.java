package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port registry through its commands, on real SQLite files and real sockets. */
@HnTest
class PortsCommandsTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  private void config(String yaml) {
    repo.write(".hannahanna.yml", yaml);
  }

  /** A block of ports nothing on this machine uses, so tests do not depend on each other. */
  private static int freeBlock(int size) throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = 20000 + (int) (Math.random() * 30000);
      boolean free = true;
      for (int p = first; p < first + size && free; p++) {
        free =
            !new io.hannahanna.hn.ports.SystemPorts().inUse(p, io.hannahanna.hn.ports.Protocol.TCP);
      }
      if (free) {
        return first;
      }
    }
    throw new IllegalStateException("no free block");
  }

  private List<Integer> hostPorts(LaunchResult result) throws Exception {
    assertOk(result);
    List<Integer> ports = new ArrayList<>();
    json(result).get("allocations").forEach(a -> ports.add(a.get("hostPort").asInt()));
    return ports;
  }

  @Test
  void allocationIsStableAndLowestFreeAtOrAboveBase(QuarkusMainLauncher hn) throws Exception {
    int first = freeBlock(20);
    config(
        "docker:\n  ports:\n    range: "
            + first
            + "-"
            + (first + 19)
            + "\n    base:\n      db: "
            + (first + 10)
            + "\n");
    assertEquals(
        List.of(first, first + 10),
        hostPorts(hn.launch("-C", root, "ports", "allocate", "a", "web:80", "db:5432")));
    assertEquals(
        List.of(first, first + 10),
        hostPorts(hn.launch("-C", root, "ports", "allocate", "a", "web:80", "db:5432")));
    assertEquals(
        List.of(first + 1, first + 11),
        hostPorts(hn.launch("-C", root, "ports", "allocate", "b", "web:80", "db:5432")));
    assertEquals(
        List.of(first + 2), hostPorts(hn.launch("-C", root, "ports", "allocate", "c", "web:80")));

    LaunchResult released = hn.launch("-C", root, "ports", "release", "b");
    assertOk(released);
    assertTrue(released.getErrorOutput().contains("Released 2 port(s)"), released.getErrorOutput());
    assertEquals(
        List.of(first + 1), hostPorts(hn.launch("-C", root, "ports", "allocate", "d", "web:80")));

    JsonNode list = json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations");
    assertEquals(4, list.size());
    JsonNode one = list.get(0);
    for (String field :
        new String[] {
          "repository",
          "worktree",
          "service",
          "containerPort",
          "hostPort",
          "protocol",
          "allocatedAt"
        }) {
      assertTrue(one.has(field), field);
    }
    assertEquals(root, one.get("repository").asText());
  }

  @Test
  void exhaustedRangeNamesServiceAndRangeAndWritesNothing(QuarkusMainLauncher hn) throws Exception {
    int first = freeBlock(2);
    config("docker:\n  ports:\n    range: " + first + "-" + (first + 1) + "\n");
    LaunchResult result =
        hn.launch("-C", root, "ports", "allocate", "a", "web:80", "api:8080", "worker:9000");
    assertEquals(1, result.exitCode());
    assertTrue(
        result
            .getErrorOutput()
            .contains(
                "No free tcp port left for service 'worker' in range " + first + "-" + (first + 1)),
        result.getErrorOutput());
    assertEquals(
        0, json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size());
  }

  @Test
  void batchIsAllOrNothing(QuarkusMainLauncher hn) throws Exception {
    int first = freeBlock(3);
    config("docker:\n  ports:\n    range: " + first + "-" + (first + 2) + "\n");
    Path ok =
        Files.writeString(tmp.resolve("ok.txt"), "# two worktrees\na web:80\n\nb web:80/tcp\n");
    assertEquals(
        List.of(first, first + 1),
        hostPorts(hn.launch("-C", root, "ports", "allocate", "--batch", ok.toString())));

    Path json =
        Files.writeString(
            tmp.resolve("batch.json"),
            "[{\"worktree\":\"c\",\"service\":\"dns\",\"containerPort\":53,\"protocol\":\"udp\"},"
                + "{\"worktree\":\"c\",\"service\":\"web\",\"containerPort\":80},"
                + "{\"worktree\":\"d\",\"service\":\"web\",\"containerPort\":80}]");
    LaunchResult tooMany = hn.launch("-C", root, "ports", "allocate", "--batch", json.toString());
    assertEquals(1, tooMany.exitCode());
    assertTrue(tooMany.getErrorOutput().contains("No free"), tooMany.getErrorOutput());
    assertEquals(
        2,
        json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size(),
        "c's ports rolled back");

    Path bad = Files.writeString(tmp.resolve("bad.txt"), "e web:80\nf web:99999\n");
    LaunchResult invalid = hn.launch("-C", root, "ports", "allocate", "--batch", bad.toString());
    assertEquals(1, invalid.exitCode());
    assertTrue(invalid.getErrorOutput().contains("Batch line 2"), invalid.getErrorOutput());
  }

  @Test
  void batchJsonContainerPortsMustBeWholeNumbersInRange(QuarkusMainLauncher hn) throws Exception {
    for (String port : new String[] {"\"80\"", "80.5", "0", "65536", "99999999999", "true"}) {
      Path json =
          Files.writeString(
              tmp.resolve("batch.json"),
              "[{\"worktree\":\"c\",\"service\":\"web\",\"containerPort\":" + port + "}]");
      LaunchResult result = hn.launch("-C", root, "ports", "allocate", "--batch", json.toString());
      assertEquals(1, result.exitCode(), port);
      assertTrue(result.getErrorOutput().contains("containerPort"), result.getErrorOutput());
    }
    assertEquals(
        0, json(hn.launch("-C", root, "ports", "list", "--json")).get("allocations").size());
  }

  @Test
  void releaseTakesOnlyValidWorktreeNames(QuarkusMainLauncher hn) {
    LaunchResult result = hn.launch("-C", root, "ports", "release", "../x");
    assertEquals(2, result.exitCode(), result.getErrorOutput());
    assertTrue(result.getErrorOutput().contains("Invalid worktree name"), result.getErrorOutput());
    LaunchResult long_ = hn.launch("-C", root, "ports", "allocate", "a", "s".repeat(80) + ":80");
    assertEquals(1, long_.exitCode());
    assertTrue(long_.getErrorOutput().contains("too long: 80 characters"), long_.getErrorOutput());
  }

  @Test
  void portsOtherProgramsListenOnAreSkipped(QuarkusMainLauncher hn) throws Exception {
    int first = freeBlock(10);
    config("docker:\n  ports:\n    range: " + first + "-" + (first + 9) + "\n");
    try (ServerSocket v4 = bind("0.0.0.0", first);
        ServerSocket v6 = bind("::1", first + 1);
        DatagramSocket udp =
            new DatagramSocket(
                new InetSocketAddress(InetAddress.getByName("0.0.0.0"), first + 2))) {
      assertTrue(v4.isBound() && v6.isBound() && udp.isBound());
      assertEquals(
          List.of(first + 2), hostPorts(hn.launch("-C", root, "ports", "allocate", "a", "web:80")));
      assertEquals(
          List.of(first), hostPorts(hn.launch("-C", root, "ports", "allocate", "a", "dns:53/udp")));
      assertEquals(
          List.of(first + 1),
          hostPorts(hn.launch("-C", root, "ports", "allocate", "b", "dns:53/udp")));
      assertEquals(
          List.of(first + 3), hostPorts(hn.launch("-C", root, "ports", "allocate", "b", "web:80")));
    }
  }

  @Test
  void checkAndShowReportPortsTakenByOthers(QuarkusMainLauncher hn) throws Exception {
    int first = freeBlock(5);
    config("docker:\n  ports:\n    range: " + first + "-" + (first + 4) + "\n");
    hostPorts(hn.launch("-C", root, "ports", "allocate", "a", "web:80", "db:5432"));
    assertOk(hn.launch("-C", root, "ports", "check"));
    try (ServerSocket squatter = bind("127.0.0.1", first + 1)) {
      assertTrue(squatter.isBound());
      LaunchResult check = hn.launch("-C", root, "ports", "check");
      assertEquals(1, check.exitCode());
      assertTrue(check.getOutput().contains("IN USE"), check.getOutput());
      assertTrue(check.getErrorOutput().contains("hn ports reassign"), check.getErrorOutput());
      JsonNode show =
          json(hn.launch("-C", root, "ports", "show", "a", "--json")).get("allocations");
      for (JsonNode a : show) {
        assertEquals(a.get("hostPort").asInt() == first + 1, a.get("inUseByOthers").asBoolean());
      }
    }
  }

  @Test
  void reassignMovesPortsAndFreesTheOldOnes(QuarkusMainLauncher hn) throws Exception {
    int first = freeBlock(10);
    config("docker:\n  ports:\n    range: " + first + "-" + (first + 9) + "\n");
    List<Integer> before =
        hostPorts(hn.launch("-C", root, "ports", "allocate", "a", "web:80", "db:5432"));
    List<Integer> moved =
        hostPorts(hn.launch("-C", root, "ports", "reassign", "a", "web", "--json"));
    assertEquals(1, moved.size());
    assertNotEquals(before.get(0), moved.get(0));
    assertEquals(
        List.of(before.get(0)),
        hostPorts(hn.launch("-C", root, "ports", "allocate", "z", "web:80")));
    List<Integer> all = hostPorts(hn.launch("-C", root, "ports", "reassign", "a", "--json"));
    assertEquals(2, all.size());
    LaunchResult none = hn.launch("-C", root, "ports", "reassign", "nobody");
    assertEquals(1, none.exitCode());
    assertTrue(none.getErrorOutput().contains("holds no ports"), none.getErrorOutput());
  }

  @Test
  void statsDescribeTheRegistry(QuarkusMainLauncher hn) throws Exception {
    int first = freeBlock(100);
    config("docker:\n  ports:\n    range: " + first + "-" + (first + 99) + "\n");
    hostPorts(hn.launch("-C", root, "ports", "allocate", "a", "web:80", "db:5432"));
    hostPorts(hn.launch("-C", root, "ports", "allocate", "b", "web:80"));
    JsonNode stats;
    // a program outside the registry holding a port of the range: that port is not available
    try (ServerSocket other = bind("127.0.0.1", first + 50)) {
      assertTrue(other.isBound());
      stats = json(hn.launch("-C", root, "ports", "stats", "--json"));
    }
    assertEquals(1, stats.get("heldByOthers").asInt());
    assertEquals(3, stats.get("total").asInt());
    assertEquals(2, stats.get("byService").get("web").asInt());
    assertEquals(100, stats.get("rangeSize").asInt());
    assertEquals(0.03, stats.get("shareOfRangeInUse").asDouble(), 1e-9);
    assertEquals(96, stats.get("portsLeft").asInt(), "100 - 3 held - 1 taken by another program");
    assertEquals(first + 2, stats.get("highestPort").asInt());
    assertEquals(80, stats.get("mostUsedContainerPorts").get(0).get("containerPort").asInt());
    LaunchResult text = hn.launch("-C", root, "ports", "stats");
    assertOk(text);
    assertTrue(text.getOutput().contains("web 2"), text.getOutput());
  }

  @Test
  void invalidRequestsAreRefusedWhereTheyEnter(QuarkusMainLauncher hn) {
    for (String[] args :
        new String[][] {
          {"a;rm", "web"}, {"a", "web:0"}, {"a", "we b"}, {"a", "web:80/sctp"}, {"a", "$(id)"}
        }) {
      LaunchResult result = hn.launch("-C", root, "ports", "allocate", args[0], args[1]);
      assertEquals(1, result.exitCode(), String.join(" ", args));
      assertTrue(
          result.getErrorOutput().matches("(?s).*(Invalid|not between|Cannot read).*"),
          result.getErrorOutput());
    }
  }

  static ServerSocket bind(String address, int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
    return socket;
  }
}
