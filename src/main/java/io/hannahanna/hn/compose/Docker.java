package io.hannahanna.hn.compose;

import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.ports.Protocol;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The plain `docker` CLI, for what hn reads from the engine itself. */
@RequestScoped
public class Docker {
  private final ProcessRunner runner;
  private final String program;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  Docker() {
    this(null, null);
  }

  /**
   * @param program the docker CLI to run: `HN_DOCKER` (for a wrapper or a compatible CLI), else
   *     docker from PATH
   */
  @Inject
  public Docker(
      ProcessRunner runner,
      @ConfigProperty(name = "hn.docker", defaultValue = "docker") String program) {
    this.runner = runner;
    this.program = program;
  }

  /** The engine this invocation talks to; null where a test builds a Docker of its own. */
  @Inject EngineTarget engine;

  private Cmd onEngine(Cmd cmd) {
    return engine == null ? cmd : engine.on(cmd);
  }

  /** A container as the engine reports it; unhealthy: its own healthcheck fails. */
  public record Container(
      String project, String service, String name, String state, boolean unhealthy) {
    public boolean running() {
      return state.equals("running");
    }
  }

  private boolean daemonChecked;

  /**
   * Fails fast, with one sentence, when the Docker CLI or daemon is not there: compose's own
   * failure would be slower and, for docker-compose v1, a Python traceback.
   */
  public void requireDaemon() {
    if (!daemonChecked) {
      run("reach Docker", "version", "--format", "{{.Server.Version}}");
      daemonChecked = true;
    }
  }

  /** The containers of compose projects hn manages, found by hn's labels. */
  public List<Container> containers(String repository) {
    String out =
        run(
            "list containers",
            "ps",
            "-a",
            "--filter",
            "label=" + EffectiveCompose.LABEL_REPOSITORY + "=" + repository,
            "--format",
            "{{.Label \"com.docker.compose.project\"}}\t{{.Label \"com.docker.compose.service\"}}\t{{.Names}}\t{{.State}}\t{{.Status}}");
    List<Container> containers = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length >= 4) {
        containers.add(
            new Container(f[0], f[1], f[2], f[3], f.length > 4 && f[4].contains("(unhealthy)")));
      }
    }
    return containers;
  }

  /**
   * Who the containers and volumes of a compose project belong to, by hn's labels: one
   * "repository\tworktree" per resource (empty fields for one hn did not create).
   */
  public List<String> projectOwners(String project) {
    String format =
        "{{.Label \""
            + EffectiveCompose.LABEL_REPOSITORY
            + "\"}}\t{{.Label \""
            + EffectiveCompose.LABEL_WORKTREE
            + "\"}}";
    String filter = "label=com.docker.compose.project=" + project;
    List<String> owners = new ArrayList<>();
    for (String out :
        List.of(
            run("list containers", "ps", "-a", "--filter", filter, "--format", format),
            run("list volumes", "volume", "ls", "--filter", filter, "--format", format))) {
      out.lines().filter(l -> l.split("\t", -1).length == 2).forEach(owners::add);
    }
    return owners;
  }

  /** A container, network or volume hn created, with the worktree and project it belongs to. */
  public record Resource(String kind, String id, String name, String worktree, String project) {}

  /**
   * Everything of one kind ("container", "network", "volume") that carries this repository's hn
   * label. Shared volumes and networks carry no worktree label.
   */
  public List<Resource> resources(String kind, String repository) {
    List<String> args = new ArrayList<>();
    if (kind.equals("container")) {
      args.addAll(List.of("ps", "-a"));
    } else {
      args.addAll(List.of(kind, "ls"));
    }
    String id = kind.equals("volume") ? "{{.Name}}" : "{{.ID}}";
    args.addAll(
        List.of(
            "--filter",
            "label=" + EffectiveCompose.LABEL_REPOSITORY + "=" + repository,
            "--format",
            id
                + "\t{{.Name"
                + (kind.equals("container") ? "s" : "")
                + "}}\t{{.Label \""
                + EffectiveCompose.LABEL_WORKTREE
                + "\"}}\t{{.Label \"com.docker.compose.project\"}}"));
    List<Resource> result = new ArrayList<>();
    for (String line : run("list " + kind + "s", args.toArray(String[]::new)).split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 4) {
        result.add(new Resource(kind, f[0], f[1], f[2], f[3]));
      }
    }
    return result;
  }

  /** Removes resources; one that is already gone is not an error. */
  public void remove(List<Resource> resources) {
    for (Resource r : resources) {
      List<String> argv = new ArrayList<>(List.of(program));
      argv.addAll(
          r.kind().equals("container")
              ? List.of("rm", "-f", r.id())
              : List.of(r.kind(), "rm", r.id()));
      ProcessResult result = runner.run(onEngine(Cmd.of(null, argv)));
      if (!result.ok()
          && !result.stderr().contains("No such")
          && !result.stderr().contains("not found")) {
        throw DockerFailure.of("remove " + r.kind() + " " + r.name(), result);
      }
    }
  }

  /** The name of a running container that publishes a host port, if one does. */
  public Optional<String> containerPublishing(int hostPort, Protocol protocol) {
    return run(
            "list containers",
            "ps",
            "--filter",
            "publish=" + hostPort + "/" + protocol.id(),
            "--format",
            "{{.Names}}")
        .lines()
        .filter(name -> !name.isBlank())
        .findFirst();
  }

  /** `docker inspect` of each container of a compose project, one JSON document per line. */
  public List<String> inspectProject(String project) {
    List<String> ids =
        run(
                "list containers",
                "ps",
                "-a",
                "-q",
                "--filter",
                "label=com.docker.compose.project=" + project)
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(List.of("inspect", "--format", "{{json .}}"));
    args.addAll(ids);
    return run("inspect containers", args.toArray(String[]::new))
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }

  /**
   * Creates a volume or network shared by a repository's worktrees (external to every project) when
   * it does not exist.
   */
  public void ensureShared(String kind, String name, String repository) {
    if (run("list " + kind + "s", kind, "ls", "-q", "--filter", "name=^" + name + "$").isBlank()) {
      run(
          "create the shared " + kind + " " + name,
          kind,
          "create",
          "--label",
          EffectiveCompose.LABEL_MANAGED + "=true",
          "--label",
          EffectiveCompose.LABEL_SHARED + "=true",
          "--label",
          EffectiveCompose.LABEL_REPOSITORY + "=" + repository,
          name);
    }
  }

  /** A network on the engine, with the compose project that created it (empty if none). */
  public record EngineNetwork(String name, String project, List<Subnet> subnets) {}

  /** Every network on the engine with its subnets: two processes (list, then inspect). */
  public List<EngineNetwork> networks() {
    List<String> ids =
        run("list networks", "network", "ls", "-q").lines().filter(l -> !l.isBlank()).toList();
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "network",
                "inspect",
                "--format",
                "{{.Name}}\t{{index .Labels \"com.docker.compose.project\"}}\t"
                    + "{{range .IPAM.Config}}{{.Subnet}} {{end}}"));
    args.addAll(ids);
    List<EngineNetwork> networks = new ArrayList<>();
    for (String line : run("inspect networks", args.toArray(String[]::new)).split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 3) {
        List<Subnet> subnets = new ArrayList<>();
        for (String text : f[2].trim().split(" +")) {
          try {
            subnets.add(Subnet.parse(text));
          } catch (IllegalArgumentException e) {
            // no subnet, or one hn cannot read: nothing hn could collide with knowingly
          }
        }
        networks.add(new EngineNetwork(f[0], f[1], List.copyOf(subnets)));
      }
    }
    return networks;
  }

  /** Whether any container, running or not, uses a volume. */
  public boolean volumeInUse(String volume) {
    return !run("list containers", "ps", "-a", "-q", "--filter", "volume=" + volume).isBlank();
  }

  /** The docker command with these arguments, to run as the caller needs (in the background). */
  public Cmd command(String... args) {
    List<String> argv = new ArrayList<>(List.of(program));
    argv.addAll(List.of(args));
    return onEngine(Cmd.of(null, argv));
  }

  public String run(String what, String... args) {
    List<String> argv = new ArrayList<>(List.of(program));
    argv.addAll(List.of(args));
    ProcessResult result = runner.run(onEngine(Cmd.of(null, argv)));
    if (!result.ok()) {
      throw DockerFailure.of(what, result);
    }
    return result.stdout();
  }
}
