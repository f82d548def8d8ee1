package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.ports.SubnetAllocation;
import io.hannahanna.hn.ports.SubnetRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A network's fixed subnet moves into the worktree's, and every fixed address with it. */
class FixedSubnetsTest {
  // shaped like `docker compose config` prints a stack with two fixed networks (IPv4 and IPv6)
  static final String RESOLVED =
      """
      services:
        proxy:
          image: proxy
          networks:
            front:
              ipv4_address: 172.28.1.10
            back: null
        db:
          image: db
          networks:
            back:
              ipv4_address: 10.5.0.5
              ipv6_address: fd00:5::5
        plain:
          image: plain
          networks: [front]
      networks:
        front:
          name: app_front
          ipam:
            config:
              - subnet: 172.28.0.0/16
                ip_range: 172.28.5.0/24
                gateway: 172.28.0.1
                aux_addresses:
                  printer: 172.28.1.5
        back:
          ipam:
            driver: default
            config:
              - subnet: 10.5.0.0/24
              - subnet: fd00:5::/64
        dynamic: {}
        outside:
          external: true
          ipam:
            config:
              - subnet: 192.168.77.0/24
        team:
          ipam:
            config:
              - subnet: 192.168.78.0/24
      """;

  static Map<String, Object> document() {
    return ComposeModel.parse(RESOLVED, "compose.yml").document();
  }

  static SubnetAllocation own(String network, String base, String subnet) {
    return new SubnetAllocation(
        "/r", "feat", network, Subnet.parse(base), Subnet.parse(subnet), Instant.EPOCH);
  }

  static final List<SubnetAllocation> OWN =
      List.of(
          own("front", "172.28.0.0/16", "10.160.0.0/16"),
          own("back", "10.5.0.0/24", "10.161.0.0/24"),
          own("back", "fd00:5::/64", "fd68:6e00::/64"));

  @Test
  void asksForEveryFixedSubnetOfNetworksComposeCreates() {
    List<SubnetRequest> requests = FixedSubnets.requests("feat", document(), List.of("team"));
    assertEquals(
        List.of("front 172.28.0.0/16", "back 10.5.0.0/24", "back fd00:5::/64"),
        requests.stream().map(r -> r.network() + " " + r.base()).toList());
  }

  @Test
  void movesSubnetsGatewaysRangesAndAddressesToTheSameOffsets() {
    Map<String, Object> moved = FixedSubnets.move(document(), OWN);
    Map<String, Object> front = map(map(moved.get("networks")).get("front"));
    Map<String, Object> frontConfig = map(list(map(front.get("ipam")).get("config")).get(0));
    assertEquals("10.160.0.0/16", frontConfig.get("subnet"));
    assertEquals("10.160.5.0/24", frontConfig.get("ip_range"));
    assertEquals("10.160.0.1", frontConfig.get("gateway"));
    assertEquals(Map.of("printer", "10.160.1.5"), frontConfig.get("aux_addresses"));
    List<Object> back =
        list(map(map(map(moved.get("networks")).get("back")).get("ipam")).get("config"));
    assertEquals("10.161.0.0/24", map(back.get(0)).get("subnet"));
    assertEquals("fd68:6e00::/64", map(back.get(1)).get("subnet"));

    Map<String, Object> services = map(moved.get("services"));
    assertEquals(
        "10.160.1.10",
        map(map(map(services.get("proxy")).get("networks")).get("front")).get("ipv4_address"));
    Map<String, Object> db = map(map(map(services.get("db")).get("networks")).get("back"));
    assertEquals("10.161.0.5", db.get("ipv4_address"));
    assertEquals("fd68:6e00::5", db.get("ipv6_address"));
    assertEquals(List.of("front"), map(services.get("plain")).get("networks"));
    // the base document is left as it was
    assertEquals(
        "172.28.0.0/16",
        map(list(map(map(map(document().get("networks")).get("front")).get("ipam")).get("config"))
                .get(0))
            .get("subnet"));
  }

  @Test
  void templatesNameEachNetworksSubnetAndEachServicesAddress() {
    Map<String, String> values =
        FixedSubnets.templateValues(FixedSubnets.move(document(), OWN), List.of("team"));
    assertEquals("10.160.0.0/16", values.get("subnet.front"));
    assertEquals("10.161.0.0/24", values.get("subnet.back"));
    assertEquals("10.160.1.10", values.get("ip.proxy.front"));
    assertEquals("10.161.0.5", values.get("ip.db.back"));
    assertEquals(4, values.size(), values.toString());
  }

  @Test
  void anAddressOutsideItsNetworksSubnetsIsNamed() {
    String yaml = RESOLVED.replace("ipv4_address: 10.5.0.5", "ipv4_address: 10.9.9.9");
    HnException e =
        assertThrows(
            HnException.class,
            () -> FixedSubnets.move(ComposeModel.parse(yaml, "c").document(), OWN));
    assertTrue(e.getMessage().contains("service 'db'"), e.getMessage());
    assertTrue(e.getMessage().contains("10.9.9.9"), e.getMessage());
    assertTrue(e.getMessage().contains("network 'back'"), e.getMessage());
  }

  @Test
  void aSubnetThatIsNotOneIsNamed() {
    String yaml = RESOLVED.replace("subnet: 10.5.0.0/24", "subnet: 10.5.0.0/99");
    HnException e =
        assertThrows(
            HnException.class,
            () ->
                FixedSubnets.requests("feat", ComposeModel.parse(yaml, "c").document(), List.of()));
    assertTrue(e.getMessage().contains("network 'back'"), e.getMessage());
    assertTrue(e.getMessage().contains("10.5.0.0/99"), e.getMessage());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }
}
