package io.hannahanna.hn.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effective config written back with the keys of `.hannahanna.yml` (what `hn config show`
 * prints), and leaf by leaf under their dotted keys (for `--origin`).
 */
public final class ConfigDocument {
  private ConfigDocument() {}

  public static Map<String, Object> of(HnConfig config) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("worktree_dir", config.worktreeDir());
    doc.put("hooks", hooks(config.hooks()));
    doc.put(
        "shared_resources",
        config.sharedResources().stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("source", r.source());
                  m.put("target", r.target());
                  m.put("compatibility", r.compatibility());
                  return m;
                })
            .toList());
    doc.put("shared", Map.of("copy", config.sharedCopy()));
    doc.put("docker", docker(config.docker()));
    Map<String, Object> proxy = new LinkedHashMap<>();
    proxy.put("port", config.proxy().port());
    proxy.put("image", config.proxy().image());
    doc.put("proxy", proxy);
    doc.put("aliases", config.aliases());
    doc.put("sparse", config.sparse());
    return doc;
  }

  /** Every leaf of the document under its dotted key (list items as key[i]). */
  public static Map<String, Object> leaves(Map<String, Object> document) {
    Map<String, Object> leaves = new LinkedHashMap<>();
    flatten("", document, leaves);
    return leaves;
  }

  /** A duration as the config writes it: 500ms, 30s, 2m. */
  public static String duration(Duration d) {
    long millis = d.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static Map<String, Object> hooks(HnConfig.Hooks hooks) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("timeout", hooks.timeout() == null ? null : duration(hooks.timeout()));
    for (String point : HnConfig.Hooks.POINTS) {
      if (hooks.at(point).isEmpty()) {
        continue;
      }
      doc.put(
          point,
          hooks.at(point).stream()
              .map(
                  h -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    if (h.branch() != null || h.name() != null) {
                      Map<String, Object> when = new LinkedHashMap<>();
                      when.put("branch", h.branch());
                      when.put("name", h.name());
                      m.put("when", when);
                    }
                    m.put("run", h.run());
                    if (h.timeout() != null) {
                      m.put("timeout", duration(h.timeout()));
                    }
                    return m;
                  })
              .toList());
    }
    return doc;
  }

  private static Map<String, Object> docker(HnConfig.Docker d) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("enabled", d.enabled());
    doc.put("auto_start", d.autoStart());
    doc.put("compose_file", d.composeFiles());
    doc.put("compose_command", d.composeCommand());
    doc.put("env", d.env());
    doc.put("env_file", d.envFile());
    doc.put("profiles", d.profiles());
    doc.put("default_service", d.defaultService());
    Map<String, Object> ports = new LinkedHashMap<>();
    ports.put("range", d.range().toString());
    ports.put("base", d.portBases());
    doc.put("ports", ports);
    doc.put("project_name", d.projectName());
    doc.put("isolated", Map.of("volumes", d.isolatedVolumes()));
    Map<String, Object> shared = new LinkedHashMap<>();
    shared.put("volumes", d.sharedVolumes());
    shared.put("networks", d.sharedNetworks());
    doc.put("shared", shared);
    doc.put("networks", Map.of("pool", d.networkPool().stream().map(Subnet::toString).toList()));
    doc.put("host_network", d.hostNetwork().name().toLowerCase(Locale.ROOT));
    HnConfig.Healthcheck h = d.healthcheck();
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("enabled", h.enabled());
    health.put("timeout", duration(h.timeout()));
    health.put("interval", duration(h.interval()));
    health.put("services", h.services());
    health.put("endpoints", h.endpoints());
    health.put("one_shot", h.oneShot());
    doc.put("healthcheck", health);
    doc.put("context", d.engine().context());
    doc.put("remote_paths", d.engine().remotePathsSame() ? "same" : "separate");
    if (d.seed() != null) {
      Map<String, Object> seed = new LinkedHashMap<>();
      seed.put("from", d.seed().from());
      seed.put("volumes", d.seed().volumes());
      seed.put("image", d.seed().image());
      doc.put("seed", seed);
    }
    return doc;
  }

  private static void flatten(String prefix, Object value, Map<String, Object> leaves) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach(
          (k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, leaves));
    } else if (value instanceof List<?> list
        && !list.isEmpty()
        && !(list.get(0) instanceof String)) {
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), leaves);
      }
    } else {
      leaves.put(prefix, value);
    }
  }
}
