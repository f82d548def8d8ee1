package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortHolder;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.PortRequest;
import io.hannahanna.hn.worktree.Repo;
import io.hannahanna.hn.worktree.RepositoryPaths;
import io.hannahanna.hn.worktree.RepositoryTrust;
import io.hannahanna.hn.worktree.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Each worktree's Docker Compose environment: its ports from the registry, its generated compose
 * file in the worktree's state directory, and the compose project that runs it.
 */
@Singleton
public class DockerEnvironments {
  public static final String FILE_NAME = "compose.yml";

  private final Workspace workspace;
  private final PortRegistry registry;
  private final ComposeCli compose;
  private final Docker docker;
  private final RepositoryTrust trust;
  private final Diagnostics diagnostics;

  public DockerEnvironments(
      Workspace workspace,
      PortRegistry registry,
      ComposeCli compose,
      Docker docker,
      RepositoryTrust trust,
      Diagnostics diagnostics) {
    this.trust = trust;
    this.workspace = workspace;
    this.registry = registry;
    this.compose = compose;
    this.docker = docker;
    this.diagnostics = diagnostics;
  }

  private HnConfig.Docker config() {
    return workspace.repo().config().docker();
  }

  /** The repository's compose command where its config is trusted; null: found by hn. */
  private String composeCommand() {
    return trust.composeCommand(workspace.repo());
  }

  /** The argv prefix of the compose command this repository uses (e.g. [docker, compose]). */
  public List<String> composeArgv() {
    return compose.command(composeCommand());
  }

  public ComposeProject project(Worktree worktree) {
    Repo repo = workspace.repo();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("repo_name", repo.name());
    values.put("repo_hash", repoHash(repo));
    values.put("worktree_name", worktree.name());
    values.put("branch", worktree.branch() == null ? "" : worktree.branch());
    String name =
        ComposeProject.sanitize(
            Templates.render(config().projectName(), values, "docker.project_name"));
    return new ComposeProject(
        name, repo.stateDir(worktree.name()).resolve(FILE_NAME), worktree.path());
  }

  /**
   * Allocates the worktree's ports and writes its compose file, checked by compose itself. If any
   * step fails, the registry and the state directory are left as they were.
   */
  public List<PortAllocation> prepare(Worktree worktree) {
    Repo repo = workspace.repo();
    ComposeProject project = project(worktree);
    ComposeModel model =
        resolve(
            worktree.path(), ComposeFiles.in(worktree.path(), config().composeFiles()), project);
    Set<Integer> fixed = new java.util.HashSet<>(model.fixedHostPorts());
    fixed.addAll(mainCheckoutPorts(repo, project));
    boolean hadPorts = !registry.show(worktree.name()).isEmpty();
    byte[] previous = read(project.file());
    List<PortAllocation> allocations = List.of();
    try {
      allocations = registry.allocate(requests(worktree.name(), model), fixed);
      EffectiveCompose.Context context =
          new EffectiveCompose.Context(
              project.name(),
              repo.root().toString(),
              ComposeProject.sanitize(repo.name() + "-" + repoHash(repo)),
              worktree.name(),
              environment(repo, worktree, allocations),
              model.ports(),
              allocations,
              config().isolatedVolumes(),
              config().sharedVolumes(),
              config().sharedNetworks());
      Files.createDirectories(project.file().getParent());
      writeOwnerOnly(
          project.file(),
          EffectiveCompose.dump(EffectiveCompose.generate(model.document(), context)));
      compose.run(
          compose.prepare(composeCommand(), project, "config", "-q"),
          "validate the compose file " + project.file());
      writeEnvFile(repo, worktree, allocations);
      return allocations;
    } catch (IOException e) {
      undo(worktree, hadPorts, project.file(), previous);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      undo(worktree, hadPorts, project.file(), previous);
      throw e;
    }
  }

  /**
   * After the worktree's ports changed outside a start (hn ports reassign): its generated compose
   * file and env file are written again with the new ports, if hn had prepared them.
   */
  public void refresh(Worktree worktree) {
    if (Files.exists(project(worktree).file())) {
      prepare(worktree);
    }
  }

  /** The project as compose resolves it in a checkout; compose's own message if it refuses. */
  private ComposeModel resolve(Path checkout, List<Path> files, ComposeProject project) {
    String resolved =
        compose.run(
            compose.prepareResolve(composeCommand(), checkout, files, project.name()),
            "read the compose project in " + checkout);
    return ComposeModel.parse(resolved, "the compose project in " + checkout);
  }

  /**
   * The host ports the main checkout's own project publishes (its `.env` values included): they
   * stay free for a plain `docker compose up` there. None when it has no project that resolves.
   */
  private Set<Integer> mainCheckoutPorts(Repo repo, ComposeProject project) {
    try {
      return resolve(repo.root(), ComposeFiles.in(repo.root(), config().composeFiles()), project)
          .fixedHostPorts();
    } catch (HnException e) {
      return Set.of();
    }
  }

  private void undo(Worktree worktree, boolean hadPorts, Path file, byte[] previous) {
    if (!hadPorts) {
      registry.release(worktree.name());
    }
    try {
      if (previous == null) {
        Files.deleteIfExists(file);
      } else {
        Files.write(file, previous);
      }
    } catch (IOException e) {
      diagnostics.warn("could not restore " + file + ": " + e.getMessage());
    }
  }

  /** The generated file can hold values interpolated from `.env` (secrets): owner only. */
  private static void writeOwnerOnly(Path file, String text) throws IOException {
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    }
    Files.setPosixFilePermissions(file, ownerOnly);
    Files.writeString(file, text);
  }

  private static byte[] read(Path file) {
    try {
      return Files.exists(file) ? Files.readAllBytes(file) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<PortRequest> requests(String worktree, ComposeModel model) {
    List<PortRequest> requests = new ArrayList<>();
    model
        .ports()
        .forEach(
            (service, ports) ->
                ports.forEach(
                    p ->
                        requests.add(
                            new PortRequest(
                                worktree, service, p.target(), p.protocol(), p.published()))));
    return requests;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(x -> !all.contains(x)).forEach(all::add);
    return all;
  }

  /** `docker.env` with its templates filled in: worktree, branch, repository and ports. */
  private Map<String, String> environment(
      Repo repo, Worktree worktree, List<PortAllocation> allocations) {
    Map<String, String> values = templateValues(repo, worktree, allocations);
    Map<String, String> env = new LinkedHashMap<>();
    config().env().forEach((k, v) -> env.put(k, Templates.render(v, values, "docker.env." + k)));
    return env;
  }

  private static Map<String, String> templateValues(
      Repo repo, Worktree worktree, List<PortAllocation> allocations) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("worktree_name", worktree.name());
    values.put("branch", worktree.branch() == null ? "" : worktree.branch());
    values.put("repo_name", repo.name());
    for (PortAllocation a : allocations) {
      values.putIfAbsent("port." + a.service(), Integer.toString(a.hostPort()));
      values.putIfAbsent(
          "port." + a.service() + "." + a.containerPort(), Integer.toString(a.hostPort()));
    }
    return values;
  }

  /**
   * `WT_PORTS_<SERVICE>` (each service's first host port) and `WT_PORTS_<SERVICE>_<CONTAINER
   * PORT>`, for hooks and `hn env`.
   */
  public static Map<String, String> hookEnv(List<PortAllocation> allocations) {
    Map<String, String> env = new LinkedHashMap<>();
    for (PortAllocation a : allocations) {
      String name = "WT_PORTS_" + a.service().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
      env.putIfAbsent(name, Integer.toString(a.hostPort()));
      if (a.containerPort() > 0) {
        env.putIfAbsent(name + "_" + a.containerPort(), Integer.toString(a.hostPort()));
      }
    }
    return env;
  }

  /**
   * Everything a shell or an app on the host needs to reach the worktree's project: the hooks'
   * `WT_*` variables, its ports, `COMPOSE_PROJECT_NAME` and `COMPOSE_FILE` (so plain compose talks
   * to it), and the rendered `docker.env`.
   */
  public Map<String, String> variables(Worktree worktree) {
    return variables(workspace.repo(), worktree, registry.show(worktree.name()));
  }

  private Map<String, String> variables(
      Repo repo, Worktree worktree, List<PortAllocation> allocations) {
    Map<String, String> env = Worktrees.hookEnv(repo, worktree);
    env.putAll(hookEnv(allocations));
    ComposeProject project = project(worktree);
    env.put("COMPOSE_PROJECT_NAME", project.name());
    env.put("COMPOSE_FILE", project.file().toString());
    env.putAll(environment(repo, worktree, allocations));
    return env;
  }

  /**
   * `docker.env_file`: the variables as a dotenv file in the worktree, for apps run on the host,
   * kept out of git through the repository's info/exclude.
   */
  private void writeEnvFile(Repo repo, Worktree worktree, List<PortAllocation> allocations)
      throws IOException {
    String name = config().envFile();
    if (name == null) {
      return;
    }
    Path file = RepositoryPaths.noLinkOut(worktree.path(), name, "docker.env_file");
    Files.createDirectories(file.getParent());
    writeOwnerOnly(file, EnvFormat.DOTENV.render(variables(repo, worktree, allocations)));
    Path exclude = repo.root().resolve(".git/info/exclude");
    String line = "/" + worktree.path().relativize(file);
    List<String> excluded = Files.exists(exclude) ? Files.readAllLines(exclude) : List.of();
    if (!excluded.contains(line)) {
      Files.createDirectories(exclude.getParent());
      Files.writeString(
          exclude,
          line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  /**
   * Regenerates the worktree's compose file and starts the project. Its ports stay, unless another
   * program took one while the project was down: that service moves to a free port (one
   * transaction), or, with keepPorts, hn refuses and says how to fix it.
   */
  public void up(
      Worktree worktree, boolean keepPorts, List<String> profiles, List<String> services) {
    docker.requireDaemon();
    movePortsTakenByOthers(worktree, keepPorts);
    prepare(worktree);
    start(worktree, profiles, services);
  }

  private void movePortsTakenByOthers(Worktree worktree, boolean keepPorts) {
    String project = project(worktree).name();
    if (containers().stream().anyMatch(c -> c.project().equals(project) && c.running())) {
      return; // its own containers hold its ports
    }
    for (PortAllocation taken : registry.show(worktree.name())) {
      if (!registry.takenByOthers(taken)) {
        continue;
      }
      if (keepPorts) {
        throw new HnException(
            taken.service()
                + "'s port "
                + taken.hostPort()
                + " is in use by "
                + holderOf(taken)
                + "; stop it, or give the service a new port with"
                + " 'hn ports reassign "
                + worktree.name()
                + " "
                + taken.service()
                + "' (hn docker start without --keep-ports does that itself).");
      }
      List<PortAllocation> before = registry.show(worktree.name());
      for (PortAllocation moved : registry.reassign(worktree.name(), taken.service())) {
        int old =
            before.stream()
                .filter(
                    p ->
                        p.service().equals(moved.service())
                            && p.containerPort() == moved.containerPort()
                            && p.protocol() == moved.protocol())
                .mapToInt(PortAllocation::hostPort)
                .findFirst()
                .orElse(0);
        diagnostics.info(
            moved.service()
                + ": "
                + old
                + " -> "
                + moved.hostPort()
                + (old == taken.hostPort() ? " (" + old + " is in use by another program)" : ""));
      }
    }
  }

  /** Who holds a port, as far as the engine or the system can tell. */
  private String holderOf(PortAllocation port) {
    return docker
        .containerPublishing(port.hostPort(), port.protocol())
        .map(name -> "container '" + name + "'")
        .or(() -> PortHolder.of(port.hostPort(), port.protocol()).map(PortHolder.Holder::toString))
        .orElse("another program");
  }

  /** Starts a project whose compose file was just prepared (docker.profiles on). */
  public void start(Worktree worktree) {
    start(worktree, List.of(), List.of());
  }

  /**
   * Starts the project with docker.profiles and the given profiles on (and COMPOSE_PROFILES, which
   * compose reads itself), or only the given services.
   */
  public void start(Worktree worktree, List<String> profiles, List<String> services) {
    docker.requireDaemon();
    ComposeProject project = project(worktree);
    Repo repo = workspace.repo();
    for (String volume : config().sharedVolumes()) {
      ensureShared(
          repo,
          "volume",
          ComposeProject.sanitize(repo.name() + "-" + repoHash(repo)) + "_" + volume);
    }
    for (String network : config().sharedNetworks()) {
      ensureShared(repo, "network", network);
    }
    diagnostics.progress("Starting " + project.name() + "…");
    List<String> args = new ArrayList<>();
    List<String> fromEnvironment =
        ComposeFiles.profiles(
            worktree.path(), ComposeFiles.in(worktree.path(), config().composeFiles()));
    for (String profile : concat(concat(config().profiles(), profiles), fromEnvironment)) {
      args.addAll(List.of("--profile", PortRequest.validateService(profile)));
    }
    args.addAll(List.of("up", "-d"));
    services.forEach(s -> args.add(PortRequest.validateService(s)));
    compose.run(
        compose.prepare(composeCommand(), project, args.toArray(String[]::new)),
        "start " + project.name());
  }

  public void stop(Worktree worktree) {
    ComposeProject project = requireFile(worktree);
    compose.run(compose.prepare(composeCommand(), project, "stop"), "stop " + project.name());
  }

  public void restart(Worktree worktree) {
    ComposeProject project = requireFile(worktree);
    compose.run(compose.prepare(composeCommand(), project, "restart"), "restart " + project.name());
  }

  /**
   * Removes the project's containers with their anonymous volumes (nothing could reach those once
   * the containers are gone) and its networks; named volumes stay.
   */
  public void down(Worktree worktree) {
    ComposeProject project = project(worktree);
    if (!Files.exists(project.file())) {
      return;
    }
    docker.requireDaemon();
    compose.run(
        compose.prepare(composeCommand(), project, "rm", "-f", "-s", "-v"),
        "remove the containers of " + project.name());
    compose.run(
        compose.prepare(composeCommand(), project, "down", "--remove-orphans"),
        "take down " + project.name());
  }

  public int logs(
      Worktree worktree, String service, boolean follow, Integer tail, ComposeCli.Output output) {
    List<String> args = new ArrayList<>(List.of("logs", "--no-color"));
    if (follow) {
      args.add("--follow");
    }
    if (tail != null) {
      args.addAll(List.of("--tail", tail.toString()));
    }
    if (service != null) {
      args.add(PortRequest.validateService(service));
    }
    return compose.runAttached(
        compose.prepare(composeCommand(), requireFile(worktree), args.toArray(String[]::new)),
        output);
  }

  /** The last lines a service logged, for reports; empty when they cannot be read. */
  public String lastLogLines(Worktree worktree, String service, int lines) {
    try {
      return compose.run(
          compose.prepare(
              composeCommand(),
              project(worktree),
              "logs",
              "--no-color",
              "--tail",
              Integer.toString(lines),
              service),
          "read the logs of " + service);
    } catch (HnException e) {
      return "";
    }
  }

  public int exec(
      Worktree worktree, String service, List<String> command, ComposeCli.Output output) {
    List<String> args = new ArrayList<>(List.of("exec"));
    if (!output.terminal()) {
      args.add("-T");
    }
    args.add(PortRequest.validateService(service));
    args.addAll(command);
    return compose.runAttached(
        compose.prepare(composeCommand(), requireFile(worktree), args.toArray(String[]::new)),
        output);
  }

  /**
   * A worktree's project as the engine reports it.
   *
   * @param state running, partial, stopped, absent (no containers) or unknown (Docker unreachable)
   * @param composeCommand how to reach the same project with plain compose
   */
  public record Status(
      String project, String file, String state, int running, int total, String composeCommand) {}

  /**
   * The status of each worktree's project, from one look at the engine. The plain compose command
   * (null unless asked for) may need a look at which compose is installed, which `hn list` skips.
   */
  public Map<String, Status> status(List<Worktree> worktrees, boolean withComposeCommand) {
    List<Docker.Container> containers;
    try {
      containers = containers();
    } catch (HnException e) {
      containers = null;
    }
    Map<String, Status> result = new LinkedHashMap<>();
    for (Worktree w : worktrees) {
      ComposeProject project = project(w);
      String command =
          withComposeCommand
              ? String.join(" ", compose.prepareQuietly(composeCommand(), project))
              : null;
      if (containers == null) {
        result.put(
            w.name(),
            new Status(project.name(), project.file().toString(), "unknown", 0, 0, command));
        continue;
      }
      List<Docker.Container> mine =
          containers.stream().filter(c -> c.project().equals(project.name())).toList();
      int running = (int) mine.stream().filter(Docker.Container::running).count();
      String state =
          mine.isEmpty()
              ? "absent"
              : running == mine.size() ? "running" : running == 0 ? "stopped" : "partial";
      result.put(
          w.name(),
          new Status(
              project.name(), project.file().toString(), state, running, mine.size(), command));
    }
    return result;
  }

  /** What `hn docker prune` removed (or would remove) of one orphaned project. */
  public record Pruned(
      String project,
      String worktree,
      List<String> containers,
      List<String> networks,
      List<String> volumes) {}

  /**
   * Removes the containers and networks (and, with volumes, the volumes) of this repository's hn
   * projects whose worktree is not among the live ones. Never anything without hn's labels, of
   * another repository, or shared.
   */
  public List<Pruned> prune(java.util.Set<String> live, boolean dryRun, boolean volumes) {
    docker.requireDaemon();
    String repository = workspace.repo().root().toString();
    List<Docker.Resource> orphans = new ArrayList<>();
    for (String kind :
        volumes ? List.of("container", "network", "volume") : List.of("container", "network")) {
      docker.resources(kind, repository).stream()
          .filter(r -> !r.worktree().isEmpty() && !live.contains(r.worktree()))
          .forEach(orphans::add);
    }
    Map<String, List<Docker.Resource>> byWorktree = new java.util.TreeMap<>();
    orphans.forEach(r -> byWorktree.computeIfAbsent(r.worktree(), k -> new ArrayList<>()).add(r));
    List<Pruned> pruned = new ArrayList<>();
    byWorktree.forEach(
        (worktree, resources) -> {
          if (!dryRun) {
            docker.remove(resources);
          }
          pruned.add(
              new Pruned(
                  resources.stream()
                      .map(Docker.Resource::project)
                      .filter(p -> !p.isEmpty())
                      .findFirst()
                      .orElse(""),
                  worktree,
                  names(resources, "container"),
                  names(resources, "network"),
                  names(resources, "volume")));
        });
    return pruned;
  }

  private static List<String> names(List<Docker.Resource> resources, String kind) {
    return resources.stream()
        .filter(r -> r.kind().equals(kind))
        .map(Docker.Resource::name)
        .toList();
  }

  /** A volume of one of this repository's worktrees. */
  public record Volume(String name, String worktree, boolean inUse, boolean worktreeExists) {}

  /** This repository's per-worktree volumes (shared ones carry no worktree and are left out). */
  public List<Volume> volumes(java.util.Set<String> live) {
    docker.requireDaemon();
    return docker.resources("volume", workspace.repo().root().toString()).stream()
        .filter(r -> !r.worktree().isEmpty())
        .map(
            r ->
                new Volume(
                    r.name(),
                    r.worktree(),
                    docker.volumeInUse(r.name()),
                    live.contains(r.worktree())))
        .toList();
  }

  /** Removes volumes whose worktree is gone and that no container uses; returns their names. */
  public List<String> pruneVolumes(java.util.Set<String> live, boolean dryRun) {
    List<Docker.Resource> doomed = new ArrayList<>();
    for (Volume v : volumes(live)) {
      if (!v.worktreeExists() && !v.inUse()) {
        doomed.add(new Docker.Resource("volume", v.name(), v.name(), v.worktree(), ""));
      }
    }
    if (!dryRun) {
      docker.remove(doomed);
    }
    return doomed.stream().map(Docker.Resource::name).toList();
  }

  /** Containers of this repository's hn projects, as the engine reports them. */
  public List<Docker.Container> containers() {
    return docker.containers(workspace.repo().root().toString());
  }

  private ComposeProject requireFile(Worktree worktree) {
    docker.requireDaemon();
    ComposeProject project = project(worktree);
    if (!Files.exists(project.file())) {
      throw new HnException(
          "Worktree '"
              + worktree.name()
              + "' has no Docker environment yet; run 'hn docker start "
              + worktree.name()
              + "'.");
    }
    return project;
  }

  /** Creates a shared volume or network (external to every project) when it does not exist. */
  private void ensureShared(Repo repo, String kind, String name) {
    if (docker
        .run("list " + kind + "s", kind, "ls", "-q", "--filter", "name=^" + name + "$")
        .isBlank()) {
      docker.run(
          "create the shared " + kind + " " + name,
          kind,
          "create",
          "--label",
          EffectiveCompose.LABEL_MANAGED + "=true",
          "--label",
          EffectiveCompose.LABEL_SHARED + "=true",
          "--label",
          EffectiveCompose.LABEL_REPOSITORY + "=" + repo.root(),
          name);
    }
  }

  /** Six hex digits of the main checkout's path: two clones with the same folder name differ. */
  static String repoHash(Repo repo) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(repo.root().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
