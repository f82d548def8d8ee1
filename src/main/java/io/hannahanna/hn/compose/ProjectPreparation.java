package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.config.Subnet;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.PortRequest;
import io.hannahanna.hn.ports.SubnetAllocation;
import io.hannahanna.hn.ports.SubnetRequest;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryPaths;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.state.StateDirectory;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Prepares a worktree's compose project: compose resolves the model, the registry gives the ports,
 * and hn writes the one complete compose file (owner only), checked by compose itself.
 */
@Singleton
public class ProjectPreparation {
  private final Workspace workspace;
  private final PortRegistry registry;
  private final ComposeCli compose;
  private final ComposeProjects projects;
  private final WorktreeVariables variables;
  private final Diagnostics diagnostics;
  private final Docker docker;
  private final EngineTarget engine;

  public ProjectPreparation(
      Workspace workspace,
      PortRegistry registry,
      ComposeCli compose,
      ComposeProjects projects,
      WorktreeVariables variables,
      Diagnostics diagnostics,
      Docker docker,
      EngineTarget engine) {
    this.engine = engine;
    this.workspace = workspace;
    this.registry = registry;
    this.compose = compose;
    this.projects = projects;
    this.variables = variables;
    this.diagnostics = diagnostics;
    this.docker = docker;
  }

  /**
   * Allocates the worktree's ports and writes its compose file, checked by compose itself. If any
   * step fails, the registry and the state directory are left as they were.
   */
  public List<PortAllocation> prepare(Worktree worktree) {
    Repo repo = workspace.repo();
    ComposeProject project = projects.project(worktree);
    // a repository can commit `.hn-state/worktrees/<name>/compose.yml -> ~/.bashrc`
    Path stateDir = StateDirectory.ensure(repo.stateDir());
    RepositoryPaths.noLinkOut(
        stateDir, stateDir.relativize(project.file()).toString(), "hn's compose file");
    List<Path> baseFiles = ComposeFiles.in(worktree.path(), projects.config().composeFiles());
    boolean portsHeld = !registry.show(worktree.name()).isEmpty();
    MainCheckoutPorts mainPorts = new MainCheckoutPorts(compose, mainResolve(project), !portsHeld);
    try {
      return prepare(worktree, project, baseFiles, portsHeld, mainPorts);
    } finally {
      mainPorts.cancel();
    }
  }

  private List<PortAllocation> prepare(
      Worktree worktree,
      ComposeProject project,
      List<Path> baseFiles,
      boolean portsHeld,
      MainCheckoutPorts mainPorts) {
    Repo repo = workspace.repo();
    ComposeModel resolved = resolve(worktree.path(), baseFiles, project);
    engine.requireMountsItCanSee(resolved.document(), worktree.path());
    ComposeModel model = HostNetworking.apply(resolved, projects.config().hostNetwork());
    List<PortRequest> portRequests = requests(worktree.name(), model);
    Set<Integer> fixed = new java.util.HashSet<>(model.fixedHostPorts());
    if (!registry.holdsAll(worktree.name(), portRequests)) {
      // only a new port must keep clear of the main checkout's own (one compose process less)
      fixed.addAll(mainPorts.get());
    }
    List<String> shared = projects.config().sharedNetworks();
    List<SubnetRequest> subnetRequests =
        FixedSubnets.requests(worktree.name(), model.document(), shared);
    List<SubnetAllocation> subnetsBefore =
        registry.subnets().stream().filter(s -> s.worktree().equals(worktree.name())).toList();
    boolean held = portsHeld || !subnetsBefore.isEmpty();
    byte[] previous = read(project.file());
    if (previous == null) {
      warnAboutHostNetworking(resolved);
    }
    try {
      PortRegistry.Holdings holdings =
          registry.allocate(
              worktree.name(),
              portRequests,
              fixed,
              subnetRequests,
              takenSubnets(project, subnetRequests));
      List<PortAllocation> allocations = holdings.ports();
      reportMoved(subnetsBefore, holdings.subnets());
      Map<String, Object> document = FixedSubnets.move(model.document(), holdings.subnets());
      EffectiveCompose.Context context =
          new EffectiveCompose.Context(
              project.name(),
              repo.root().toString(),
              ComposeProjects.sharedPrefix(repo),
              worktree.name(),
              variables.environment(
                  repo, worktree, allocations, FixedSubnets.templateValues(document, shared)),
              model.ports(),
              allocations,
              projects.config().isolatedVolumes(),
              projects.config().sharedVolumes(),
              shared);
      String generated =
          header(worktree, baseFiles)
              + EffectiveCompose.dump(EffectiveCompose.generate(document, context));
      // the same file as last time was checked when it was written: no compose process for it
      if (previous == null
          || !java.util.Arrays.equals(previous, generated.getBytes(StandardCharsets.UTF_8))) {
        Files.createDirectories(project.file().getParent());
        OwnerOnlyFile.write(project.file(), generated);
        compose.run(
            compose.prepare(projects.composeCommand(), project, "config", "-q"),
            "validate the compose file " + project.file());
      }
      variables.writeEnvFile(repo, worktree, allocations);
      return allocations;
    } catch (IOException e) {
      undo(worktree, held, project.file(), previous);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      undo(worktree, held, project.file(), previous);
      throw e;
    }
  }

  /**
   * After the worktree's ports changed outside a start (hn ports reassign): its generated compose
   * file and env file are written again with the new ports, if hn had prepared them.
   */
  public void refresh(Worktree worktree) {
    if (Files.exists(projects.project(worktree).file())) {
      prepare(worktree);
    }
  }

  /** The project as compose resolves it in a checkout; compose's own message if it refuses. */
  private ComposeModel resolve(Path checkout, List<Path> files, ComposeProject project) {
    String resolved =
        compose.run(
            compose.prepareResolve(projects.composeCommand(), checkout, files, project.name()),
            "read the compose project in " + checkout);
    return ComposeModel.parse(resolved, "the compose project in " + checkout);
  }

  /** How compose is asked for the main checkout's project, as it would resolve it there. */
  private Supplier<Cmd> mainResolve(ComposeProject project) {
    Path root = workspace.repo().root();
    return () ->
        compose.prepareResolve(
            projects.composeCommand(),
            root,
            ComposeFiles.in(root, projects.config().composeFiles()),
            project.name());
  }

  /** Says who wrote the file and from what, so nobody edits it by hand and loses the edit. */
  private static String header(Worktree worktree, List<Path> baseFiles) {
    String from =
        baseFiles.isEmpty()
            ? "the compose files compose finds in the worktree"
            : String.join(
                ", ",
                baseFiles.stream().map(f -> worktree.path().relativize(f).toString()).toList());
    // a line break in a file name must not end the comment
    from = from.replaceAll("\\p{Cntrl}", "?");
    return "# Generated by hn for worktree '"
        + worktree.name()
        + "' from "
        + from
        + ".\n# Edits here are overwritten at the next start: change the base files or"
        + " .hannahanna.yml instead.\n";
  }

  /** A subnet that had to move because another network on the engine now uses it. */
  private void reportMoved(List<SubnetAllocation> before, List<SubnetAllocation> after) {
    for (SubnetAllocation now : after) {
      before.stream()
          .filter(
              b ->
                  b.network().equals(now.network())
                      && b.base().equals(now.base())
                      && !b.subnet().equals(now.subnet()))
          .forEach(
              b ->
                  diagnostics.info(
                      now.network()
                          + ": "
                          + b.subnet()
                          + " -> "
                          + now.subnet()
                          + " ("
                          + b.subnet()
                          + " is used by another network on the engine)"));
    }
  }

  /** Once per worktree (when its compose file is first written): what ports cannot isolate. */
  private void warnAboutHostNetworking(ComposeModel resolved) {
    List<String> host = HostNetworking.hostServices(resolved.document());
    if (!host.isEmpty() && projects.config().hostNetwork() == HnConfig.HostNetwork.LEAVE) {
      diagnostics.warn(
          (host.size() == 1
                  ? "service '" + host.get(0) + "' uses"
                  : "services '" + String.join("', '", host) + "' use")
              + " the host's network (network_mode), so every worktree's copy binds the same host"
              + " ports and hn gives it none; docker.host_network: publish in .hannahanna.yml"
              + " bridges it and gives it ports of its own.");
    }
  }

  /**
   * Subnets no worktree may get: those of the engine's networks other than the project's own, and
   * the ones the file fixes (the main checkout's). The engine is asked only when the file fixes
   * any; an engine that cannot be reached has none (compose reports it when the stack starts).
   */
  private List<Subnet> takenSubnets(ComposeProject project, List<SubnetRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    List<Subnet> taken = new ArrayList<>(requests.stream().map(SubnetRequest::base).toList());
    try {
      docker.networks().stream()
          .filter(n -> !n.project().equals(project.name()))
          .forEach(n -> taken.addAll(n.subnets()));
    } catch (HnException e) {
      // not reachable now: the subnets are checked again at the next start
    }
    return taken;
  }

  private void undo(Worktree worktree, boolean held, Path file, byte[] previous) {
    if (!held) {
      registry.releaseAll(worktree.name());
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
}
