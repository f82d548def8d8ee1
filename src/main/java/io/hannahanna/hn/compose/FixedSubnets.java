package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.ports.SubnetAllocation;
import io.hannahanna.hn.ports.SubnetRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Networks that fix a subnet (`ipam: config: [{subnet: …}]`): two copies of such a stack collide in
 * the daemon ("Pool overlaps"), so each worktree gets its own subnet of the same size from the
 * registry, and every fixed address of the network (gateway, ip_range, aux_addresses, services'
 * ipv4_address / ipv6_address) moves with it to the same offset.
 */
public final class FixedSubnets {
  private FixedSubnets() {}

  /** One request per fixed subnet of each network compose creates (not external, not shared). */
  public static List<SubnetRequest> requests(
      String worktree, Map<String, Object> document, List<String> shared) {
    List<SubnetRequest> requests = new ArrayList<>();
    networks(Yaml.deepCopy(document), shared)
        .forEach(
            (name, network) -> {
              for (Map<String, Object> config : configs(network)) {
                if (config.get("subnet") != null) {
                  requests.add(new SubnetRequest(worktree, name, subnet(name, config, "subnet")));
                }
              }
            });
    return requests;
  }

  /** A copy of the document with each allocated network's subnet and fixed addresses moved. */
  public static Map<String, Object> move(
      Map<String, Object> document, List<SubnetAllocation> allocations) {
    Map<String, Object> moved = Yaml.deepCopy(document);
    if (allocations.isEmpty()) {
      return moved;
    }
    Map<String, Object> networks = Yaml.map(moved.get("networks"));
    networks.forEach(
        (name, network) -> {
          for (Map<String, Object> config : configs(network)) {
            if (config.get("subnet") == null) {
              continue;
            }
            Subnet base = subnet(name, config, "subnet");
            Optional<SubnetAllocation> own = find(allocations, name, base);
            if (own.isEmpty()) {
              continue;
            }
            Subnet to = own.get().subnet();
            config.put("subnet", to.toString());
            if (config.get("ip_range") != null) {
              config.put(
                  "ip_range", base.moveSubnet(subnet(name, config, "ip_range"), to).toString());
            }
            if (config.get("gateway") != null) {
              config.put("gateway", base.move(String.valueOf(config.get("gateway")), to));
            }
            if (config.get("aux_addresses") instanceof Map<?, ?> aux) {
              Map<String, Object> movedAux = new LinkedHashMap<>();
              aux.forEach(
                  (k, v) -> movedAux.put(String.valueOf(k), base.move(String.valueOf(v), to)));
              config.put("aux_addresses", movedAux);
            }
          }
        });
    Yaml.map(moved.get("services"))
        .forEach((service, definition) -> moveAddresses(service, definition, allocations));
    return moved;
  }

  /**
   * `subnet.<network>` (its first subnet) and `ip.<service>.<network>` (the service's fixed address
   * there, IPv4 first) for the templates of `docker.env`, `hn env` and hooks.
   */
  public static Map<String, String> templateValues(
      Map<String, Object> document, List<String> shared) {
    Map<String, String> values = new LinkedHashMap<>();
    document = Yaml.deepCopy(document);
    Map<String, Object> networks = networks(document, shared);
    networks.forEach(
        (name, network) ->
            configs(network).stream()
                .filter(c -> c.get("subnet") != null)
                .findFirst()
                .ifPresent(c -> values.put("subnet." + name, String.valueOf(c.get("subnet")))));
    Yaml.map(document.get("services"))
        .forEach(
            (service, definition) ->
                attachments(definition)
                    .forEach(
                        (network, options) -> {
                          Object address =
                              Optional.ofNullable(options.get("ipv4_address"))
                                  .orElse(options.get("ipv6_address"));
                          if (address != null && networks.containsKey(network)) {
                            values.put("ip." + service + "." + network, String.valueOf(address));
                          }
                        }));
    return values;
  }

  private static void moveAddresses(
      String service, Object definition, List<SubnetAllocation> allocations) {
    attachments(definition)
        .forEach(
            (network, options) -> {
              for (String key : List.of("ipv4_address", "ipv6_address")) {
                if (options.get(key) == null) {
                  continue;
                }
                String address = String.valueOf(options.get(key));
                List<SubnetAllocation> ofNetwork =
                    allocations.stream().filter(a -> a.network().equals(network)).toList();
                if (ofNetwork.isEmpty()) {
                  continue;
                }
                SubnetAllocation own =
                    ofNetwork.stream()
                        .filter(a -> a.base().contains(address))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new HnException(
                                    "The compose file gives service '"
                                        + service
                                        + "' the address "
                                        + address
                                        + " on network '"
                                        + network
                                        + "', outside the network's subnets ("
                                        + String.join(
                                            ", ",
                                            ofNetwork.stream()
                                                .map(a -> a.base().toString())
                                                .toList())
                                        + "); fix "
                                        + key
                                        + " or the network's ipam config."));
                options.put(key, own.base().move(address, own.subnet()));
              }
            });
  }

  /** A service's networks with their options; the list form has none. */
  private static Map<String, Map<String, Object>> attachments(Object definition) {
    Map<String, Map<String, Object>> result = new LinkedHashMap<>();
    if (definition instanceof Map<?, ?> service
        && service.get("networks") instanceof Map<?, ?> networks) {
      networks.forEach(
          (name, options) -> {
            if (options instanceof Map<?, ?>) {
              result.put(String.valueOf(name), Yaml.map(options));
            }
          });
    }
    return result;
  }

  private static Map<String, Object> networks(Map<String, Object> document, List<String> shared) {
    Map<String, Object> networks = new LinkedHashMap<>();
    Yaml.map(document.get("networks"))
        .forEach(
            (name, network) -> {
              if (!shared.contains(name) && !EffectiveCompose.isExternal(Yaml.map(network))) {
                networks.put(name, network);
              }
            });
    return networks;
  }

  private static List<Map<String, Object>> configs(Object network) {
    List<Map<String, Object>> configs = new ArrayList<>();
    if (network instanceof Map<?, ?> n
        && n.get("ipam") instanceof Map<?, ?> ipam
        && ipam.get("config") instanceof List<?> list) {
      for (Object config : list) {
        if (config instanceof Map<?, ?>) {
          configs.add(Yaml.map(config));
        }
      }
    }
    return configs;
  }

  private static Optional<SubnetAllocation> find(
      List<SubnetAllocation> allocations, String network, Subnet base) {
    return allocations.stream()
        .filter(a -> a.network().equals(network) && a.base().equals(base))
        .findFirst();
  }

  private static Subnet subnet(String network, Map<String, Object> config, String key) {
    String text = String.valueOf(config.get(key));
    try {
      return Subnet.parse(text);
    } catch (IllegalArgumentException e) {
      throw new HnException(
          "The compose file's network '"
              + network
              + "' has an ipam "
              + key
              + " hn cannot read: "
              + e.getMessage()
              + "; fix it in the compose file.");
    }
  }
}
