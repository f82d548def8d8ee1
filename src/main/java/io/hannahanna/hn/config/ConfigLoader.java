package io.hannahanna.hn.config;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig.Docker;
import io.hannahanna.hn.config.HnConfig.Hooks;
import io.hannahanna.hn.config.HnConfig.PortRange;
import io.hannahanna.hn.config.HnConfig.SharedResource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads `.hannahanna.yml`. Errors name the file, line and column; unknown keys are warnings, so a
 * newer config still works with an older hn.
 */
@Singleton
public class ConfigLoader {
  public static final String FILE_NAME = ".hannahanna.yml";

  /** A config file is a few lines; a huge one is refused before YAML parses it for minutes. */
  static final long MAX_SIZE = 1 << 20;

  /** The personal file beside `.hannahanna.yml`, kept out of git. */
  public static final String LOCAL_FILE_NAME = ".hannahanna.local.yml";

  private final Diagnostics diagnostics;
  private final Path userFile;

  /**
   * @param configHome XDG_CONFIG_HOME; the user's file is `hn/config.yml` in it, else in ~/.config
   */
  @jakarta.inject.Inject
  public ConfigLoader(
      Diagnostics diagnostics,
      @ConfigProperty(name = "xdg.config.home") Optional<String> configHome,
      @ConfigProperty(name = "user.home") String home) {
    this(
        diagnostics,
        configHome
            .filter(h -> h.startsWith("/"))
            .map(Path::of)
            .orElse(Path.of(home, ".config"))
            .resolve("hn/config.yml"));
  }

  public ConfigLoader(Diagnostics diagnostics, Path userFile) {
    this.diagnostics = diagnostics;
    this.userFile = userFile;
  }

  /** With the user's file where the environment puts it (for tools and tests outside CDI). */
  public ConfigLoader(Diagnostics diagnostics) {
    this(
        diagnostics,
        Optional.ofNullable(System.getenv("XDG_CONFIG_HOME")),
        System.getProperty("user.home"));
  }

  public HnConfig load(Path repoRoot) {
    return read(repoRoot).config();
  }

  /**
   * The merged config, the files it was read from (lowest layer first), and the SHA-256 of the
   * repository's files (`.hannahanna.yml`, and `.hannahanna.local.yml` where there is one; null
   * without either), which is what the user trusts. The user's own file needs no trust.
   */
  public record Loaded(HnConfig config, String digest, List<Path> files) {}

  /** The files a repository's config is read from, lowest layer first, whether they exist. */
  public List<Path> candidates(Path repoRoot) {
    return List.of(userFile, repoRoot.resolve(FILE_NAME), repoRoot.resolve(LOCAL_FILE_NAME));
  }

  public Loaded read(Path repoRoot) {
    Path repoFile = repoRoot.resolve(FILE_NAME);
    Path localFile = repoRoot.resolve(LOCAL_FILE_NAME);
    byte[] repoBytes = bytes(repoFile);
    byte[] localBytes = bytes(localFile);
    String digest = null;
    if (repoBytes != null || localBytes != null) {
      digest = sha256(repoBytes == null ? new byte[0] : repoBytes);
      if (localBytes != null) {
        digest =
            sha256(
                (digest + "\0" + LOCAL_FILE_NAME + "\0" + sha256(localBytes))
                    .getBytes(StandardCharsets.UTF_8));
      }
    }
    List<Path> files = new ArrayList<>();
    Node merged = null;
    YamlNodes yaml = new YamlNodes(diagnostics);
    for (Path file : candidates(repoRoot)) {
      byte[] bytes =
          file.equals(repoFile) ? repoBytes : file.equals(localFile) ? localBytes : bytes(file);
      if (bytes == null) {
        continue;
      }
      files.add(file);
      Optional<Node> root = compose(file, new String(bytes, StandardCharsets.UTF_8));
      if (root.isPresent()) {
        Node top = yaml.mapping(root.get(), "the top level");
        merged = merged == null ? top : ConfigLayers.merge(merged, top, "");
      }
    }
    if (merged == null) {
      return new Loaded(HnConfig.defaults(), digest, List.copyOf(files));
    }
    HnConfig config = read(yaml, yaml.mapping(merged, "the top level"));
    return new Loaded(config.withOrigins(yaml.origins()), digest, List.copyOf(files));
  }

  /** A config file's bytes, or null when there is none; a huge file is refused. */
  private static byte[] bytes(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_SIZE) {
        throw new HnException(
            file + " is " + size / 1024 + " KiB; hn reads config files of up to 1 MiB.");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new HnException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Node> compose(Path file, String text) {
    LoadSettings settings =
        LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema()).build();
    try {
      return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
          .getSingleNode();
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              .orElse(file.toString());
      throw new HnException(
          where + ": malformed YAML (" + e.getProblem() + "); fix the file and run hn again.", e);
    } catch (YamlEngineException e) {
      throw new HnException(file + ": malformed YAML (" + e.getMessage() + ").", e);
    }
  }

  private static HnConfig read(YamlNodes yaml, MappingNode top) {
    Map<String, Node> fields =
        yaml.fields(
            top, "", "worktree_dir", "hooks", "shared_resources", "shared", "docker", "aliases");
    HnConfig defaults = HnConfig.defaults();
    String worktreeDir =
        Optional.ofNullable(fields.get("worktree_dir"))
            .map(n -> yaml.string(n, "worktree_dir"))
            .orElse(defaults.worktreeDir());
    Hooks hooks = fields.containsKey("hooks") ? hooks(yaml, fields.get("hooks")) : defaults.hooks();
    List<SharedResource> resources = List.of();
    if (fields.containsKey("shared_resources")) {
      resources =
          yaml.list(fields.get("shared_resources"), "shared_resources").stream()
              .map(n -> sharedResource(yaml, n))
              .toList();
    }
    List<String> copies = List.of();
    if (fields.containsKey("shared")) {
      Map<String, Node> s =
          yaml.fields(yaml.mapping(fields.get("shared"), "shared"), "shared.", "copy");
      if (s.containsKey("copy")) {
        copies =
            yaml.list(s.get("copy"), "shared.copy").stream()
                .map(n -> yaml.string(n, "shared.copy"))
                .toList();
      }
    }
    Docker docker =
        fields.containsKey("docker") ? docker(yaml, fields.get("docker")) : defaults.docker();
    Map<String, String> aliases = new LinkedHashMap<>();
    if (fields.containsKey("aliases")) {
      yaml.entries(yaml.mapping(fields.get("aliases"), "aliases"))
          .forEach((k, v) -> aliases.put(k, yaml.string(v, "aliases." + k)));
    }
    return new HnConfig(
        worktreeDir,
        hooks,
        resources,
        copies,
        docker,
        java.util.Collections.unmodifiableMap(aliases),
        Map.of());
  }

  /**
   * `hooks:`: per point a script, or a list of `{when: {branch, name}, run, timeout}` entries (or
   * plain scripts); `timeout` for all of them (hannahanna's `timeout_seconds` too).
   */
  private static Hooks hooks(YamlNodes yaml, Node node) {
    List<String> known = new java.util.ArrayList<>(Hooks.POINTS);
    known.addAll(List.of("timeout", "timeout_seconds"));
    Map<String, Node> h =
        yaml.fields(yaml.mapping(node, "hooks"), "hooks.", known.toArray(String[]::new));
    java.time.Duration timeout = null;
    if (h.containsKey("timeout")) {
      timeout = yaml.duration(h.get("timeout"), "hooks.timeout");
    } else if (h.containsKey("timeout_seconds")) {
      timeout = yaml.seconds(h.get("timeout_seconds"), "hooks.timeout_seconds", "hooks.timeout");
    }
    Map<String, List<HnConfig.Hook>> points = new LinkedHashMap<>();
    for (String point : Hooks.POINTS) {
      Node value = h.get(point);
      if (value == null || yaml.isNull(value)) {
        continue;
      }
      List<Node> entries = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
      List<HnConfig.Hook> hooks = new java.util.ArrayList<>();
      for (Node entry : entries) {
        hooks.add(hook(yaml, entry, "hooks." + point));
      }
      points.put(point, List.copyOf(hooks));
    }
    return new Hooks(java.util.Collections.unmodifiableMap(points), timeout);
  }

  private static HnConfig.Hook hook(YamlNodes yaml, Node entry, String what) {
    if (entry instanceof ScalarNode) {
      return new HnConfig.Hook(yaml.string(entry, what), null, null, null, yaml.where(entry));
    }
    Map<String, Node> f =
        yaml.fields(yaml.mapping(entry, what), what + ".", "when", "run", "timeout");
    String run = yaml.required(f, entry, "run", what);
    String branch = null;
    String name = null;
    if (f.containsKey("when")) {
      Map<String, Node> when =
          yaml.fields(
              yaml.mapping(f.get("when"), what + ".when"), what + ".when.", "branch", "name");
      branch = yaml.optionalString(when.get("branch"), what + ".when.branch");
      name = yaml.optionalString(when.get("name"), what + ".when.name");
    }
    java.time.Duration timeout =
        f.containsKey("timeout") ? yaml.duration(f.get("timeout"), what + ".timeout") : null;
    return new HnConfig.Hook(run, branch, name, timeout, yaml.where(entry));
  }

  private static SharedResource sharedResource(YamlNodes yaml, Node node) {
    Map<String, Node> f =
        yaml.fields(
            yaml.mapping(node, "shared_resources entry"),
            "shared_resources.",
            "source",
            "target",
            "compatibility");
    String source = yaml.required(f, node, "source", "shared_resources");
    String target =
        Optional.ofNullable(f.get("target"))
            .map(n -> yaml.string(n, "shared_resources.target"))
            .orElse(source);
    return new SharedResource(
        source,
        target,
        yaml.optionalString(f.get("compatibility"), "shared_resources.compatibility"));
  }

  private static Docker docker(YamlNodes yaml, Node node) {
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
            // hannahanna's, read for its files
            "strategy",
            "auto_stop_others");
    if (f.containsKey("strategy")) {
      yaml.hannahannaOnly(
          f.get("strategy"),
          "docker.strategy",
          "per-worktree",
          "hn always gives each worktree a project of its own");
    }
    if (f.containsKey("auto_stop_others")) {
      yaml.hannahannaOnly(
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
        yaml.hannahannaOnly(
            p.get("strategy"),
            "docker.ports.strategy",
            "auto-offset",
            "hn gives each port the lowest free one from docker.ports.base or the range");
      }
      if (p.containsKey("range")) {
        range = yaml.portRange(p.get("range"), "docker.ports.range");
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
      yaml.entries(yaml.mapping(f.get("env"), "docker.env"))
          .forEach((k, v) -> e.put(k, yaml.string(v, "docker.env." + k)));
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
        yaml.optionalString(f.get("env_file"), "docker.env_file"),
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
        health);
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
}
