package io.hannahanna.hn.config;

import io.hannahanna.hn.config.HnConfig.Docker;
import io.hannahanna.hn.config.HnConfig.PortRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** The `docker:` section of a config. */
final class DockerSection {
  private DockerSection() {}

  static Docker read(YamlNodes yaml, Node node) {
    Map<String, Node> f =
        yaml.fields(
            yaml.mapping(node, "docker"),
            "docker.",
            "enabled",
            "auto_start",
            "compose_file",
            "compose_command",
            "env",
            "env_file",
            "profiles",
            "default_service",
            "ports",
            "project_name",
            "isolated",
            "shared",
            "networks",
            "host_network",
            "healthcheck",
            "seed",
            "context",
            "remote_paths",
            // hannahanna's, read for its files
            "strategy",
            "auto_stop_others");
    if (f.containsKey("strategy")) {
      hannahannaOnly(
          yaml,
          f.get("strategy"),
          "docker.strategy",
          "per-worktree",
          "hn always gives each worktree a project of its own");
    }
    if (f.containsKey("auto_stop_others")) {
      hannahannaOnly(
          yaml,
          f.get("auto_stop_others"),
          "docker.auto_stop_others",
          "false",
          "hn leaves the other worktrees' stacks running; stop them with 'hn docker stop'");
    }
    Docker d = Docker.defaults();
    HnConfig.Healthcheck health = d.healthcheck();
    if (f.containsKey("healthcheck")) {
      health = healthcheck(yaml, f.get("healthcheck"), health);
    }
    List<String> isolatedVolumes = List.of();
    if (f.containsKey("isolated")) {
      Map<String, Node> i =
          yaml.fields(
              yaml.mapping(f.get("isolated"), "docker.isolated"), "docker.isolated.", "volumes");
      isolatedVolumes = yaml.strings(i.get("volumes"), "docker.isolated.volumes");
    }
    List<String> sharedVolumes = List.of();
    List<String> sharedNetworks = List.of();
    if (f.containsKey("shared")) {
      Map<String, Node> sh =
          yaml.fields(
              yaml.mapping(f.get("shared"), "docker.shared"),
              "docker.shared.",
              "volumes",
              "networks");
      sharedVolumes = yaml.strings(sh.get("volumes"), "docker.shared.volumes");
      sharedNetworks = yaml.strings(sh.get("networks"), "docker.shared.networks");
    }
    PortRange range = d.range();
    Map<String, Integer> bases = Map.of();
    if (f.containsKey("ports")) {
      Map<String, Node> p =
          yaml.fields(
              yaml.mapping(f.get("ports"), "docker.ports"),
              "docker.ports.",
              "range",
              "base",
              "strategy");
      if (p.containsKey("strategy")) {
        hannahannaOnly(
            yaml,
            p.get("strategy"),
            "docker.ports.strategy",
            "auto-offset",
            "hn gives each port the lowest free one from docker.ports.base or the range");
      }
      if (p.containsKey("range")) {
        range = yaml.portRange(p.get("range"), "docker.ports.range");
        if (range.first() < 1024) {
          yaml.warn(
              p.get("range"),
              "docker.ports.range "
                  + range
                  + " holds ports below 1024, which only root may bind and well-known services"
                  + " use; hn hands them out as asked.");
        }
      }
      if (p.containsKey("base")) {
        Map<String, Integer> b = new LinkedHashMap<>();
        PortRange within = range;
        yaml.entries(yaml.mapping(p.get("base"), "docker.ports.base"))
            .forEach(
                (k, v) -> {
                  int base = yaml.port(v, "docker.ports.base." + k);
                  if (!within.contains(base)) {
                    yaml.warn(
                        v,
                        "docker.ports.base."
                            + k
                            + " "
                            + base
                            + " is outside docker.ports.range "
                            + within
                            + "; hn starts the search for "
                            + k
                            + "'s ports at "
                            + within.first()
                            + ".");
                  }
                  b.put(k, base);
                });
        bases = Map.copyOf(b);
      }
    }
    List<Subnet> pool = d.networkPool();
    if (f.containsKey("networks")) {
      Map<String, Node> n =
          yaml.fields(
              yaml.mapping(f.get("networks"), "docker.networks"), "docker.networks.", "pool");
      if (n.containsKey("pool")) {
        pool = yaml.subnets(n.get("pool"), "docker.networks.pool");
      }
    }
    HnConfig.HostNetwork hostNetwork = d.hostNetwork();
    if (f.containsKey("host_network")) {
      hostNetwork =
          yaml.choice(f.get("host_network"), "docker.host_network", HnConfig.HostNetwork.class);
    }
    Map<String, String> env = Map.of();
    if (f.containsKey("env")) {
      Map<String, String> e = new LinkedHashMap<>();
      yaml.keyedEntries(yaml.mapping(f.get("env"), "docker.env"))
          .forEach(
              (key, v) -> {
                String k = SafeValues.variableName(yaml, key, "docker.env");
                e.put(k, yaml.string(v, "docker.env." + k));
              });
      env = java.util.Collections.unmodifiableMap(e);
    }
    return new Docker(
        f.containsKey("enabled") ? yaml.bool(f.get("enabled"), "docker.enabled") : d.enabled(),
        f.containsKey("auto_start")
            ? yaml.bool(f.get("auto_start"), "docker.auto_start")
            : d.autoStart(),
        yaml.oneOrMany(f.get("compose_file"), "docker.compose_file"),
        yaml.optionalString(f.get("compose_command"), "docker.compose_command"),
        env,
        f.containsKey("env_file") && !yaml.isNull(f.get("env_file"))
            ? SafeValues.path(yaml, f.get("env_file"), "docker.env_file")
            : null,
        yaml.strings(f.get("profiles"), "docker.profiles"),
        yaml.optionalString(f.get("default_service"), "docker.default_service"),
        range,
        bases,
        Optional.ofNullable(yaml.optionalString(f.get("project_name"), "docker.project_name"))
            .orElse(d.projectName()),
        isolatedVolumes,
        sharedVolumes,
        sharedNetworks,
        pool,
        hostNetwork,
        health,
        f.containsKey("seed") ? seed(yaml, f.get("seed")) : null,
        engine(yaml, f));
  }

  private static HnConfig.Engine engine(YamlNodes yaml, Map<String, Node> f) {
    String context =
        f.containsKey("context") && !yaml.isNull(f.get("context"))
            ? SafeValues.name(yaml, f.get("context"), "docker.context", SafeValues.CONTEXT)
            : null;
    boolean same =
        f.containsKey("remote_paths")
            && yaml.choice(f.get("remote_paths"), "docker.remote_paths", RemotePaths.class)
                == RemotePaths.SAME;
    return new HnConfig.Engine(context, same);
  }

  /** docker.remote_paths: whether the engine's host sees this machine's paths. */
  enum RemotePaths {
    SAME,
    SEPARATE
  }

  private static HnConfig.Seed seed(YamlNodes yaml, Node node) {
    Map<String, Node> s =
        yaml.fields(yaml.mapping(node, "docker.seed"), "docker.seed.", "from", "volumes", "image");
    String from = "main";
    if (s.containsKey("from")) {
      from = SafeValues.name(yaml, s.get("from"), "docker.seed.from", SafeValues.WORKTREE);
    }
    List<String> volumes =
        s.containsKey("volumes")
            ? yaml.list(s.get("volumes"), "docker.seed.volumes").stream()
                .map(v -> SafeValues.name(yaml, v, "docker.seed.volumes", SafeValues.VOLUME))
                .toList()
            : List.of();
    String image = yaml.optionalString(s.get("image"), "docker.seed.image");
    return new HnConfig.Seed(from, volumes, image);
  }

  private static HnConfig.Healthcheck healthcheck(
      YamlNodes yaml, Node node, HnConfig.Healthcheck d) {
    String prefix = "docker.healthcheck.";
    Map<String, Node> h =
        yaml.fields(
            yaml.mapping(node, "docker.healthcheck"),
            prefix,
            "enabled",
            "timeout",
            "interval",
            "services",
            "endpoints",
            "one_shot");
    Map<String, String> endpoints = new LinkedHashMap<>();
    if (h.containsKey("endpoints")) {
      yaml.entries(yaml.mapping(h.get("endpoints"), prefix + "endpoints"))
          .forEach((k, v) -> endpoints.put(k, yaml.string(v, prefix + "endpoints." + k)));
    }
    return new HnConfig.Healthcheck(
        h.containsKey("enabled") ? yaml.bool(h.get("enabled"), prefix + "enabled") : d.enabled(),
        h.containsKey("timeout")
            ? yaml.duration(h.get("timeout"), prefix + "timeout")
            : d.timeout(),
        h.containsKey("interval")
            ? yaml.duration(h.get("interval"), prefix + "interval")
            : d.interval(),
        yaml.strings(h.get("services"), prefix + "services"),
        java.util.Collections.unmodifiableMap(endpoints),
        yaml.strings(h.get("one_shot"), prefix + "one_shot"));
  }

  /**
   * A hannahanna setting hn has no use for: with the value that means what hn does anyway a note
   * that it can go, with any other a warning that hn does not do it.
   */
  private static void hannahannaOnly(
      YamlNodes yaml, Node node, String what, String hnBehaviour, String explanation) {
    String value = node instanceof ScalarNode s ? s.getValue() : "a " + node.getNodeType();
    if (value.equals(hnBehaviour)) {
      yaml.note(node, what + " " + value + " is hannahanna's; " + explanation + ", so it can go.");
    } else {
      yaml.warn(node, what + " " + value + " is hannahanna's and is ignored: " + explanation + ".");
    }
  }
}
