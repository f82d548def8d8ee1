package io.hannahanna.hn.compose;

import io.hannahanna.hn.config.HnConfig.HostNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Services on the host's network (`network_mode: host`, and `service:<x>` of such a service) bind
 * the host's ports themselves: no port hn hands out reaches them, so two worktrees' copies fight
 * for the same ports. Left as they are (with a warning) they get no ports from the registry;
 * published, they become bridged services whose published and exposed ports come from it.
 */
final class HostNetworking {
  private HostNetworking() {}

  /** The services on the host's network, directly or through another service's, in file order. */
  static List<String> hostServices(Map<String, Object> document) {
    Map<String, Object> services = Yaml.map(document.get("services"));
    List<String> host = new ArrayList<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Object> service : services.entrySet()) {
        String mode = networkMode(service.getValue());
        boolean onHost =
            "host".equals(mode)
                || (mode != null
                    && mode.startsWith("service:")
                    && host.contains(mode.substring("service:".length())));
        if (onHost && !host.contains(service.getKey())) {
          host.add(service.getKey());
          grew = true;
        }
      }
    }
    return services.keySet().stream().filter(host::contains).toList();
  }

  /** The model as hn runs it: host services without ports, or bridged and published. */
  static ComposeModel apply(ComposeModel model, HostNetwork mode) {
    List<String> host = hostServices(model.document());
    if (host.isEmpty()) {
      return model;
    }
    Map<String, Object> document = Yaml.deepCopy(model.document());
    Map<String, Object> services = Yaml.map(document.get("services"));
    Map<String, List<PublishedPort>> ports = new LinkedHashMap<>(model.ports());
    for (String name : host) {
      Map<String, Object> service = Yaml.map(services.get(name));
      if (mode == HostNetwork.PUBLISH && "host".equals(networkMode(service))) {
        service.remove("network_mode");
        ports.put(name, publishedAndExposed(model, name, service));
      } else {
        ports.put(name, List.of());
      }
    }
    return new ComposeModel(model.source(), document, ports);
  }

  private static List<PublishedPort> publishedAndExposed(
      ComposeModel model, String name, Map<String, Object> service) {
    List<PublishedPort> ports = new ArrayList<>(model.ports().getOrDefault(name, List.of()));
    if (service.get("expose") instanceof List<?> exposed) {
      for (Object entry : exposed) {
        for (PublishedPort port : ComposeModel.parse(model.source(), name, entry)) {
          boolean known =
              ports.stream()
                  .anyMatch(p -> p.target() == port.target() && p.protocol() == port.protocol());
          if (!known) {
            ports.add(port);
          }
        }
      }
    }
    return List.copyOf(ports);
  }

  private static String networkMode(Object service) {
    return service instanceof Map<?, ?> m && m.get("network_mode") != null
        ? String.valueOf(m.get("network_mode"))
        : null;
  }
}
