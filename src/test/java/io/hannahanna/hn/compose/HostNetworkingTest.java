package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hannahanna.hn.config.HnConfig.HostNetwork;
import io.hannahanna.hn.ports.Protocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Services on the host's network: left with a warning, or bridged and published. */
class HostNetworkingTest {
  static final ComposeModel MODEL =
      ComposeModel.parse(
          """
          services:
            agent:
              image: agent
              network_mode: host
              ports: ["9100:9100"]
              expose: ["8125/udp", "8126"]
            sidecar:
              image: sidecar
              network_mode: "service:agent"
            web:
              image: web
              ports: ["8080:80"]
            vpn:
              image: vpn
              network_mode: bridge
          """,
          "compose.yml");

  @Test
  void findsHostServicesAndThoseThatShareTheirNetwork() {
    assertEquals(List.of("agent", "sidecar"), HostNetworking.hostServices(MODEL.document()));
  }

  @Test
  void leftAsTheyAreTheyGetNoPorts() {
    ComposeModel left = HostNetworking.apply(MODEL, HostNetwork.LEAVE);
    assertEquals(List.of(), left.ports().get("agent"));
    assertEquals(List.of(), left.ports().get("sidecar"));
    assertEquals(MODEL.ports().get("web"), left.ports().get("web"));
    assertEquals("host", service(left, "agent").get("network_mode"));
  }

  @Test
  void publishedTheyAreBridgedWithTheirPortsAndExposedPorts() {
    ComposeModel published = HostNetworking.apply(MODEL, HostNetwork.PUBLISH);
    assertNull(service(published, "agent").get("network_mode"));
    assertEquals(
        List.of(
            new PublishedPort(null, 9100, 9100, Protocol.TCP),
            new PublishedPort(null, 0, 8125, Protocol.UDP),
            new PublishedPort(null, 0, 8126, Protocol.TCP)),
        published.ports().get("agent"));
    // it shares the agent's (now bridged) network as before, and cannot publish on its own
    assertEquals("service:agent", service(published, "sidecar").get("network_mode"));
    assertEquals(List.of(), published.ports().get("sidecar"));
    assertFalse(service(MODEL, "agent").isEmpty());
    assertEquals("host", service(MODEL, "agent").get("network_mode"), "the model is not changed");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(ComposeModel model, String name) {
    return (Map<String, Object>) ((Map<String, Object>) model.document().get("services")).get(name);
  }
}
