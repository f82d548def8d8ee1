package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeModelTest {
  @TempDir Path dir;

  private static PublishedPort tcp(String ip, int published, int target) {
    return new PublishedPort(ip, published, target, Protocol.TCP);
  }

  private Map<String, List<PublishedPort>> ports(String yaml) {
    return ComposeModel.parse(yaml, "compose.yaml").ports();
  }

  @Test
  void readsEveryShortForm() throws Exception {
    Map<String, List<PublishedPort>> ports =
        ports(
            """
            services:
              app:
                ports:
                  - 3000
                  - "8080:80"
                  - 8081:81
                  - "127.0.0.1:8082:82"
                  - "127.0.0.1::83"
                  - "[::1]:8084:84"
                  - "53:53/udp"
                  - "9000-9001:9000-9001"
                  - "7000-7005:70"
              db: {}
            """);
    assertEquals(
        List.of(
            tcp(null, 0, 3000),
            tcp(null, 8080, 80),
            tcp(null, 8081, 81),
            tcp("127.0.0.1", 8082, 82),
            tcp("127.0.0.1", 0, 83),
            tcp("::1", 8084, 84),
            new PublishedPort(null, 53, 53, Protocol.UDP),
            tcp(null, 9000, 9000),
            tcp(null, 9001, 9001),
            tcp(null, 7000, 70)),
        ports.get("app"));
    assertEquals(List.of(), ports.get("db"));
  }

  @Test
  void readsTheLongForm() throws Exception {
    Map<String, List<PublishedPort>> ports =
        ports(
            """
            services:
              app:
                ports:
                  - target: 80
                    published: "8080"
                    host_ip: 0.0.0.0
                    protocol: tcp
                    mode: host
                  - target: 53
                    published: 5353
                    protocol: udp
                  - target: 443
            """);
    assertEquals(
        List.of(
            tcp("0.0.0.0", 8080, 80),
            new PublishedPort(null, 5353, 53, Protocol.UDP),
            tcp(null, 0, 443)),
        ports.get("app"));
  }

  @Test
  void fixedHostPortsAreTheOnesTheFileAsksFor() throws Exception {
    assertEquals(
        Set.of(8080),
        ComposeModel.parse("services:\n  a:\n    ports: ['8080:80', '90']\n", "x")
            .fixedHostPorts());
  }

  @Test
  void filesWithHundredsOfAliasesAreRead() throws Exception {
    // Real projects' files (Sentry's, for one) share settings through many anchors.
    StringBuilder yaml =
        new StringBuilder("x-common: &common\n  restart: always\n  env_file: [.env]\n");
    yaml.append("services:\n");
    for (int i = 0; i < 300; i++) {
      yaml.append("  s").append(i).append(":\n    <<: *common\n    image: x\n");
    }
    yaml.append("  web:\n    <<: *common\n    ports: ['8080:80']\n");
    ComposeModel model = ComposeModel.parse(yaml.toString(), "compose.yaml");
    assertEquals(Set.of(8080), model.fixedHostPorts());
    assertEquals(301, ((Map<?, ?>) model.document().get("services")).size());
  }

  @Test
  void yaml11SexagesimalTrapIsAvoided() throws Exception {
    // YAML 1.1 reads 22:22 as the number 1342; compose (YAML 1.2) reads it as a port mapping.
    assertEquals(
        List.of(tcp(null, 22, 22)),
        ports("services:\n  ssh:\n    ports:\n      - 22:22\n").get("ssh"));
  }

  @Test
  void clearErrorsForMissingFileAndUnreadablePorts() throws Exception {
    HnException missing = assertThrows(HnException.class, () -> ComposeFiles.in(dir, List.of()));
    assertTrue(missing.getMessage().contains("No compose file"), missing.getMessage());
    assertTrue(
        missing
            .getMessage()
            .contains("compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml"));
    HnException custom =
        assertThrows(HnException.class, () -> ComposeFiles.in(dir, List.of("dev.yml")));
    assertTrue(custom.getMessage().contains("dev.yml"), custom.getMessage());
    assertThrows(HnException.class, () -> ComposeFiles.in(dir, List.of("../outside.yml")));
    HnException bad =
        assertThrows(HnException.class, () -> ports("services:\n  a:\n    ports: ['http:80']\n"));
    assertTrue(
        bad.getMessage().contains("service 'a' has a port hn cannot read: 'http:80'"),
        bad.getMessage());
    assertThrows(HnException.class, () -> ports("services:\n  a:\n    ports: ['70000:80']\n"));
    HnException notCompose = assertThrows(HnException.class, () -> ports("just: text\n"));
    assertTrue(notCompose.getMessage().contains("has no services"), notCompose.getMessage());
    assertThrows(HnException.class, () -> ports("services: [\n"));
  }

  @Test
  void configuredFilesAreNamedInOrderAndNoneLeavesTheLookupToCompose() throws Exception {
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  a: {}\n");
    Files.createDirectories(dir.resolve("docker"));
    Files.writeString(dir.resolve("docker/base.yml"), "services:\n  b: {}\n");
    Files.writeString(dir.resolve("docker/dev.yml"), "services:\n  b: {}\n");
    assertEquals(
        List.of(dir.resolve("docker/base.yml"), dir.resolve("docker/dev.yml")),
        ComposeFiles.in(dir, List.of("docker/base.yml", "docker/dev.yml")));
    assertEquals(List.of(), ComposeFiles.in(dir, List.of()));
    Files.delete(dir.resolve("compose.yaml"));
    Files.writeString(dir.resolve(".env"), "COMPOSE_FILE=docker/base.yml:docker/dev.yml\n");
    assertEquals(List.of(), ComposeFiles.in(dir, List.of()), "COMPOSE_FILE in .env counts");
  }

  @Test
  void aBase60PortNamesItsLikelyCause() {
    HnException bad =
        assertThrows(
            HnException.class,
            () ->
                ComposeModel.parse(
                    "services:\n  a:\n    ports:\n      - target: 133342\n", "compose.yml"));
    assertTrue(bad.getMessage().contains("quote it (\"2222:22\")"), bad.getMessage());
  }
}
