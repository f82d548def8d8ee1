package io.hannahanna.hn.config;

import java.util.List;
import java.util.Map;

/**
 * The settings of `.hannahanna.yml` (merged with the user's and the local file); every field has a
 * default so a missing file is fine.
 *
 * @param aliases words that stand for hn arguments (`up: docker start --wait`)
 * @param sparse folders a new worktree checks out alone (git's cone mode); empty: all
 * @param origins where each setting that a file sets came from, `file:line:col` by its key
 */
public record HnConfig(
    String worktreeDir,
    Hooks hooks,
    List<SharedResource> sharedResources,
    List<String> sharedCopy,
    Docker docker,
    Map<String, String> aliases,
    List<String> sparse,
    Proxy proxy,
    Map<String, String> origins) {

  /** Where worktrees go, relative to the main checkout: a folder beside it. */
  public static final String DEFAULT_WORKTREE_DIR = "../{repo}-worktrees";

  public static HnConfig defaults() {
    return new HnConfig(
        DEFAULT_WORKTREE_DIR,
        Hooks.NONE,
        List.of(),
        List.of(),
        Docker.defaults(),
        Map.of(),
        List.of(),
        Proxy.defaults(),
        Map.of());
  }

  /** The same settings, with where each came from (`file:line:col` by key). */
  public HnConfig withOrigins(Map<String, String> where) {
    return new HnConfig(
        worktreeDir,
        hooks,
        sharedResources,
        sharedCopy,
        docker,
        aliases,
        sparse,
        proxy,
        Map.copyOf(where));
  }

  /**
   * The reverse proxy all worktrees' stacks share (`hn proxy start`).
   *
   * @param port the host port it listens on (on the loopback address)
   * @param image the image it runs (Caddy's official one by default)
   */
  public record Proxy(int port, String image) {
    public static final String DEFAULT_IMAGE = "caddy:2";

    public static Proxy defaults() {
      return new Proxy(80, DEFAULT_IMAGE);
    }
  }

  /**
   * Shell snippets from the repository's config, by hook point, each run where its condition holds.
   *
   * @param timeout how long a hook may run before it is killed (null: no limit)
   */
  public record Hooks(Map<String, List<Hook>> points, java.time.Duration timeout) {
    /** Where hooks run, in the order of a worktree's life. */
    public static final List<String> POINTS =
        List.of(
            "pre_create",
            "post_create",
            "post_switch",
            "pre_remove",
            "post_remove",
            "pre_docker_start",
            "post_docker_start");

    public static final Hooks NONE = new Hooks(Map.of(), null);

    /** The hooks of one point, in file order. */
    public List<Hook> at(String point) {
      return points.getOrDefault(point, List.of());
    }

    /** The first hook of a point whatever its condition (the one-script form's script). */
    public String script(String point) {
      return at(point).isEmpty() ? null : at(point).get(0).run();
    }
  }

  /**
   * One hook: a shell snippet, run only for worktrees whose branch and name match its globs.
   *
   * @param branch glob on the branch (null: any)
   * @param name glob on the worktree's name (null: any)
   * @param timeout its own limit (null: the hooks' timeout)
   * @param origin the file:line:col it was written at
   */
  public record Hook(
      String run, String branch, String name, java.time.Duration timeout, String origin) {
    public boolean appliesTo(String worktree, String worktreeBranch) {
      return matches(branch, worktreeBranch) && matches(name, worktree);
    }

    private static boolean matches(String glob, String value) {
      return glob == null
          || (value != null
              && java.nio.file.FileSystems.getDefault()
                  .getPathMatcher("glob:" + glob)
                  .matches(java.nio.file.Path.of(value)));
    }
  }

  /**
   * A directory of the main checkout linked into each new worktree; with a compatibility lockfile
   * only while both lockfiles are identical.
   */
  public record SharedResource(String source, String target, String compatibility) {}

  /** The Docker part of the config. */
  public record Docker(
      boolean enabled,
      boolean autoStart,
      List<String> composeFiles,
      String composeCommand,
      Map<String, String> env,
      String envFile,
      List<String> profiles,
      String defaultService,
      PortRange range,
      Map<String, Integer> portBases,
      String projectName,
      List<String> isolatedVolumes,
      List<String> sharedVolumes,
      List<String> sharedNetworks,
      List<Subnet> networkPool,
      HostNetwork hostNetwork,
      Healthcheck healthcheck,
      Seed seed,
      Engine engine) {

    /** Compose project of a worktree: repository, a hash of its path (two clones differ), name. */
    public static final String DEFAULT_PROJECT_NAME =
        "{{repo_name}}-{{repo_hash}}-{{worktree_name}}";

    /**
     * Where worktrees' subnets come from: private space that Docker's own default pools
     * (172.17-31.0.0/16, 192.168.0.0/16) leave alone, and a ULA block for IPv6.
     */
    public static final List<Subnet> DEFAULT_NETWORK_POOL =
        List.of(Subnet.parse("10.160.0.0/11"), Subnet.parse("fd68:6e00::/40"));

    public static Docker defaults() {
      return new Docker(
          false,
          false,
          List.of(),
          null,
          Map.of(),
          null,
          List.of(),
          null,
          PortRange.DEFAULT,
          Map.of(),
          DEFAULT_PROJECT_NAME,
          List.of(),
          List.of(),
          List.of(),
          DEFAULT_NETWORK_POOL,
          HostNetwork.LEAVE,
          Healthcheck.defaults(),
          null,
          Engine.SHELLS);
    }
  }

  /**
   * Which Docker engine the stacks run on (docker.context), and whether its host sees this
   * machine's paths (docker.remote_paths: same).
   *
   * @param context the docker context hn always uses here; null: whatever the shell's docker uses
   */
  public record Engine(String context, boolean remotePathsSame) {
    /** The shell's engine, as the docker CLI picks it (DOCKER_HOST, DOCKER_CONTEXT, current). */
    public static final Engine SHELLS = new Engine(null, false);

    /** A docker context's name, as the docker CLI allows it. */
    public static final java.util.regex.Pattern CONTEXT_NAME =
        java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");
  }

  /**
   * Where a new worktree's named volumes get their data before its first start (docker.seed).
   *
   * @param from the worktree copied from (the main checkout by default)
   * @param volumes the volumes copied; empty means all of the project's own named volumes
   * @param image the helper image that copies; null means {@link #DEFAULT_IMAGE}
   */
  public record Seed(String from, List<String> volumes, String image) {
    /** A small public image with `cp`, `du` and `sleep`. */
    public static final String DEFAULT_IMAGE = "busybox:1.36";
  }

  /** What hn does with a service on the host's network, which no port of hn's can isolate. */
  public enum HostNetwork {
    /** Left as it is, with a warning: every worktree's copy shares the host's ports. */
    LEAVE,
    /** Bridged like any service, its exposed and published ports taken from the registry. */
    PUBLISH
  }

  /**
   * When a started stack counts as up.
   *
   * @param services the services checked; empty means all
   * @param endpoints per service, an HTTP path probed on its first host port (2xx/3xx is healthy)
   * @param oneShot services that run once and exit 0 by design
   */
  public record Healthcheck(
      boolean enabled,
      java.time.Duration timeout,
      java.time.Duration interval,
      List<String> services,
      Map<String, String> endpoints,
      List<String> oneShot) {
    public static Healthcheck defaults() {
      return new Healthcheck(
          false,
          java.time.Duration.ofSeconds(60),
          java.time.Duration.ofSeconds(1),
          List.of(),
          Map.of(),
          List.of());
    }
  }

  /** An inclusive range of host ports. */
  public record PortRange(int first, int last) {
    public static final PortRange DEFAULT = new PortRange(3000, 9999);

    public int size() {
      return last - first + 1;
    }

    public boolean contains(int port) {
      return port >= first && port <= last;
    }

    @Override
    public String toString() {
      return first + "-" + last;
    }
  }
}
