package io.hannahanna.hn.compose;

import io.hannahanna.hn.ports.PortAllocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * Builds the compose file one worktree runs: the base file with its published ports replaced by the
 * worktree's own, fixed container names made unique, hn's labels on everything it creates, the
 * configured environment, and volumes and networks isolated or shared as configured.
 *
 * <p>It is a whole file, not an override: compose concatenates the `ports` lists of several files,
 * so an override could add the worktree's ports but never remove the base file's fixed ones. The
 * worktree stays the project directory, so relative paths still resolve inside it.
 */
public final class EffectiveCompose {
  public static final String LABEL_MANAGED = "io.hannahanna.hn.managed";
  public static final String LABEL_REPOSITORY = "io.hannahanna.hn.repository";
  public static final String LABEL_WORKTREE = "io.hannahanna.hn.worktree";
  public static final String LABEL_SHARED = "io.hannahanna.hn.shared";

  private EffectiveCompose() {}

  /** Everything that makes one worktree's file differ from the base file. */
  public record Context(
      String project,
      String repository,
      String sharedPrefix,
      String worktree,
      Map<String, String> environment,
      Map<String, List<PublishedPort>> published,
      List<PortAllocation> allocations,
      List<String> isolatedVolumes,
      List<String> sharedVolumes,
      List<String> sharedNetworks) {

    Map<String, String> labels() {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(LABEL_MANAGED, "true");
      labels.put(LABEL_REPOSITORY, repository);
      labels.put(LABEL_WORKTREE, worktree);
      return labels;
    }

    /** The host port hn gave a service's published port. */
    int hostPort(String service, PublishedPort port) {
      return allocations.stream()
          .filter(
              a ->
                  a.service().equals(service)
                      && a.containerPort() == port.target()
                      && a.protocol() == port.protocol())
          .mapToInt(PortAllocation::hostPort)
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no port for " + service + ":" + port.target()));
    }
  }

  public static Map<String, Object> generate(Map<String, Object> base, Context context) {
    Map<String, Object> doc = Yaml.deepCopy(base);
    doc.remove("name");
    Map<String, Object> services = map(doc.get("services"));
    doc.put("services", services);
    services.replaceAll((name, definition) -> service(name, map(definition), context));
    doc.put("volumes", volumes(map(doc.get("volumes")), context));
    doc.put("networks", networks(map(doc.get("networks")), context));
    return doc;
  }

  public static String dump(Map<String, Object> document) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(settings, new Yaml11SafeStrings(settings)).dumpToString(document);
  }

  /**
   * Quotes the strings that YAML 1.1 would read as something else: docker-compose v1 reads the file
   * with PyYAML (YAML 1.1), where `no`, `on`, `y` are booleans and `22:22` is a number, while YAML
   * 1.2 (what hn and Compose v2 read) leaves them plain strings.
   */
  static final class Yaml11SafeStrings extends StandardRepresenter {
    private static final Pattern YAML11_IMPLICIT =
        Pattern.compile(
            "(?i:y|yes|n|no|true|false|on|off|null|~)"
                + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                + "|[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)"
                + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?"
                + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|");

    Yaml11SafeStrings(DumpSettings settings) {
      super(settings);
      RepresentToNode plain = representers.get(String.class);
      representers.put(
          String.class,
          data ->
              YAML11_IMPLICIT.matcher((String) data).matches()
                  ? representScalar(Tag.STR, (String) data, ScalarStyle.DOUBLE_QUOTED)
                  : plain.representData(data));
    }
  }

  private static Map<String, Object> service(
      String name, Map<String, Object> service, Context context) {
    List<Object> ports = new ArrayList<>();
    for (PublishedPort port : context.published().getOrDefault(name, List.of())) {
      String ip =
          port.hostIp() == null
              ? ""
              : (port.hostIp().contains(":") ? "[" + port.hostIp() + "]" : port.hostIp()) + ":";
      ports.add(
          ip + context.hostPort(name, port) + ":" + port.target() + "/" + port.protocol().id());
    }
    if (!ports.isEmpty()) {
      service.put("ports", ports);
    }
    if (service.get("container_name") != null) {
      service.put("container_name", context.project() + "-" + service.get("container_name"));
    }
    Map<String, Object> labels = keyValues(service.get("labels"));
    labels.putAll(context.labels());
    service.put("labels", labels);
    if (!context.environment().isEmpty()) {
      Map<String, Object> environment = keyValues(service.get("environment"));
      environment.putAll(context.environment());
      service.put("environment", environment);
    }
    return service;
  }

  private static Map<String, Object> volumes(Map<String, Object> volumes, Context context) {
    for (String shared : context.sharedVolumes()) {
      volumes.put(shared, external(context.sharedPrefix() + "_" + shared));
    }
    volumes.replaceAll(
        (name, definition) -> {
          Map<String, Object> volume = map(definition);
          if (isExternal(volume)) {
            return volume;
          }
          if (volume.containsKey("name") || context.isolatedVolumes().contains(name)) {
            volume.put("name", context.project() + "_" + name);
          }
          volume.put("labels", merged(volume.get("labels"), context.labels()));
          return volume;
        });
    return volumes;
  }

  private static Map<String, Object> networks(Map<String, Object> networks, Context context) {
    networks.putIfAbsent("default", new LinkedHashMap<>());
    for (String shared : context.sharedNetworks()) {
      networks.put(shared, external(shared));
    }
    networks.replaceAll(
        (name, definition) -> {
          Map<String, Object> network = map(definition);
          if (isExternal(network)) {
            return network;
          }
          if (network.containsKey("name")) {
            network.put("name", context.project() + "_" + name);
          }
          bridgeOfItsOwn(network, context.project() + "_" + name);
          network.put("labels", merged(network.get("labels"), context.labels()));
          return network;
        });
    return networks;
  }

  static final String BRIDGE_NAME = "com.docker.network.bridge.name";

  /**
   * A bridge named in driver_opts (mailcow's `br-mailcow`) would be every worktree's, and the
   * second stack fails ("networks have same bridge name"): each worktree's network gets a bridge
   * name of its own, within Linux's 15 characters.
   */
  private static void bridgeOfItsOwn(Map<String, Object> network, String fullName) {
    Map<String, Object> options = keyValues(network.get("driver_opts"));
    if (options.containsKey(BRIDGE_NAME)) {
      options.put(BRIDGE_NAME, "br-" + sha256(fullName).substring(0, 12));
      network.put("driver_opts", options);
    }
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> external(String name) {
    Map<String, Object> external = new LinkedHashMap<>();
    external.put("external", true);
    external.put("name", name);
    return external;
  }

  /** A volume or network compose does not create (`external: true` or `external: {name}`). */
  static boolean isExternal(Map<?, ?> definition) {
    return Boolean.TRUE.equals(definition.get("external"))
        || definition.get("external") instanceof Map;
  }

  private static Map<String, Object> merged(Object existing, Map<String, String> extra) {
    Map<String, Object> labels = keyValues(existing);
    labels.putAll(extra);
    return labels;
  }

  /** Compose's two ways to write key/values: a mapping, or a list of "KEY=VALUE". */
  private static Map<String, Object> keyValues(Object value) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        String text = String.valueOf(item);
        int eq = text.indexOf('=');
        result.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
      }
    }
    return result;
  }

  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? Yaml.deepCopy(m) : new LinkedHashMap<>();
  }
}
