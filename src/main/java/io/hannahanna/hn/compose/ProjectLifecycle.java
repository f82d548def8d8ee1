package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.PortRequest;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Hooks;
import io.hannahanna.hn.worktree.LifecycleLock;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a worktree's compose project: start (moving ports other programs took), stop, restart, take
 * down, logs and exec, each as one compose call.
 */
@Singleton
public class ProjectLifecycle {
  private final Workspace workspace;
  private final PortRegistry registry;
  private final ComposeCli compose;
  private final Docker docker;
  private final ComposeProjects projects;
  private final ProjectPreparation preparation;
  private final Diagnostics diagnostics;
  private final Hooks hooks;
  private final WorktreeVariables variables;
  private final PortMoves portMoves;
  private final ReverseProxy proxy;
  private final EngineTarget engine;

  public ProjectLifecycle(
      Workspace workspace,
      PortRegistry registry,
      ComposeCli compose,
      Docker docker,
      ComposeProjects projects,
      ProjectPreparation preparation,
      Diagnostics diagnostics,
      Hooks hooks,
      WorktreeVariables variables,
      PortMoves portMoves,
      ReverseProxy proxy,
      EngineTarget engine) {
    this.proxy = proxy;
    this.engine = engine;
    this.workspace = workspace;
    this.registry = registry;
    this.compose = compose;
    this.docker = docker;
    this.projects = projects;
    this.preparation = preparation;
    this.diagnostics = diagnostics;
    this.hooks = hooks;
    this.variables = variables;
    this.portMoves = portMoves;
  }

  /**
   * Regenerates the worktree's compose file and starts the project. Its ports stay, unless another
   * program took one while the project was down: that service moves to a free port (one
   * transaction), or, with keepPorts, hn refuses and says how to fix it.
   */
  public void up(
      Worktree worktree, boolean keepPorts, List<String> profiles, List<String> services) {
    locked(
        worktree,
        () -> {
          portMoves.moveTakenByOthers(worktree, keepPorts);
          preparation.prepare(worktree);
          startMovingOnBindFailure(worktree, keepPorts, profiles, services);
        });
  }

  /**
   * Starts the project; a port the engine could not bind moves and the start is tried again (at
   * most twice): the engine's own state breaks a tie hn's checks could not see coming.
   */
  private void startMovingOnBindFailure(
      Worktree worktree, boolean keepPorts, List<String> profiles, List<String> services) {
    for (int attempt = 1; ; attempt++) {
      try {
        startLocked(worktree, profiles, services);
        return;
      } catch (HnException e) {
        if (keepPorts || attempt == 3 || !portMoves.moveAfterBindFailure(worktree, e)) {
          throw e;
        }
        preparation.prepare(worktree);
      }
    }
  }

  /** Runs work holding the worktree's lifecycle lock (one start, stop or down at a time). */
  @SuppressWarnings("try") // the lock is held through the body, never referenced in it
  private void locked(Worktree worktree, Runnable work) {
    try (LifecycleLock held =
        LifecycleLock.hold(workspace.repo().stateDir(), worktree.name(), diagnostics)) {
      work.run();
    }
  }

  /** Starts a project whose compose file was just prepared (docker.profiles on). */
  public void start(Worktree worktree) {
    start(worktree, List.of(), List.of());
  }

  /**
   * Starts the project with docker.profiles, the given profiles and COMPOSE_PROFILES on (passed on
   * by hn: compose ignores COMPOSE_PROFILES once a --profile is given), or only the given services.
   */
  public void start(Worktree worktree, List<String> profiles, List<String> services) {
    locked(worktree, () -> startMovingOnBindFailure(worktree, false, profiles, services));
  }

  private void startLocked(Worktree worktree, List<String> profiles, List<String> services) {
    // No `docker version` probe first: compose's own failure names an unreachable daemon.
    ComposeProject project = projects.project(worktree);
    projects.requireOwn(worktree, project);
    Repo repo = workspace.repo();
    for (String volume : projects.config().sharedVolumes()) {
      docker.ensureShared(
          "volume", ComposeProjects.sharedPrefix(repo) + "_" + volume, repo.root().toString());
    }
    for (String network : projects.config().sharedNetworks()) {
      docker.ensureShared("network", network, repo.root().toString());
    }
    Map<String, String> hookEnv = Worktrees.hookEnv(repo, worktree);
    hookEnv.putAll(variables.forHooks(worktree, registry.show(worktree.name())));
    hooks.run(
        repo, "pre_docker_start", worktree.name(), worktree.branch(), worktree.path(), hookEnv);
    diagnostics.progress("Starting " + project.name() + "…");
    if (engine.context() != null || engine.remote()) {
      String which = engine.context() != null ? engine.context() : engine.endpoint();
      diagnostics.info(
          "hn: " + project.name() + " runs on engine " + which + " (" + engine.host() + ").");
    }
    List<String> args = new ArrayList<>();
    List<String> fromEnvironment =
        ComposeFiles.profiles(worktree.path(), projects.config().composeFiles());
    for (String profile : concat(concat(projects.config().profiles(), profiles), fromEnvironment)) {
      args.addAll(List.of("--profile", validProfile(profile)));
    }
    args.addAll(List.of("up", "-d"));
    services.forEach(s -> args.add(PortRequest.validateService(s)));
    compose.run(
        compose.prepare(projects.composeCommand(), project, args.toArray(String[]::new)),
        "start " + project.name());
    proxy.refresh();
    hooks.run(
        repo, "post_docker_start", worktree.name(), worktree.branch(), worktree.path(), hookEnv);
  }

  /**
   * Creates the project's containers, networks and volumes without starting them (compose's `up
   * --no-start`), so that volumes can be filled before the first start.
   */
  public void create(Worktree worktree) {
    ComposeProject project = projects.requireFile(worktree);
    locked(
        worktree,
        () -> {
          projects.requireOwn(worktree, project);
          compose.run(
              compose.prepare(projects.composeCommand(), project, "up", "--no-start"),
              "create the containers and volumes of " + project.name());
        });
  }

  public void stop(Worktree worktree) {
    ComposeProject project = projects.requireFile(worktree);
    locked(
        worktree,
        () -> {
          compose.run(
              compose.prepare(projects.composeCommand(), project, "stop"),
              "stop " + project.name());
        });
    proxy.refresh();
  }

  public void restart(Worktree worktree) {
    ComposeProject project = projects.requireFile(worktree);
    locked(
        worktree,
        () -> {
          compose.run(
              compose.prepare(projects.composeCommand(), project, "restart"),
              "restart " + project.name());
        });
  }

  /**
   * Removes the project's containers with their anonymous volumes (nothing could reach those once
   * the containers are gone) and its networks; named volumes stay.
   */
  public void down(Worktree worktree) {
    ComposeProject project = projects.project(worktree);
    if (!Files.exists(project.file())) {
      return;
    }
    docker.requireDaemon();
    locked(
        worktree,
        () -> {
          projects.requireOwn(worktree, project);
          compose.run(
              compose.prepare(projects.composeCommand(), project, "rm", "-f", "-s", "-v"),
              "remove the containers of " + project.name());
          compose.run(
              compose.prepare(projects.composeCommand(), project, "down", "--remove-orphans"),
              "take down " + project.name());
          removeLeftNetworks(worktree, project);
        });
    proxy.refresh();
  }

  /**
   * Networks of the project that compose's `down` left behind (seen with large stacks): removed,
   * and where the engine refuses, named with its reason.
   */
  private void removeLeftNetworks(Worktree worktree, ComposeProject project) {
    for (Docker.Resource network :
        docker.resources("network", workspace.repo().root().toString())) {
      if (network.project().equals(project.name()) && network.worktree().equals(worktree.name())) {
        try {
          docker.remove(List.of(network));
        } catch (HnException e) {
          diagnostics.warn(
              "network "
                  + network.name()
                  + " of "
                  + project.name()
                  + " is left: "
                  + e.getMessage());
        }
      }
    }
  }

  private static final java.util.regex.Pattern PROFILE =
      java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  /** A profile as compose accepts it (from --profile, docker.profiles or COMPOSE_PROFILES). */
  static String validProfile(String profile) {
    if (!PROFILE.matcher(profile).matches()) {
      throw new HnException(
          "Invalid profile '"
              + profile
              + "': a profile is letters, digits, '.', '-' and '_', starting with a letter or digit"
              + " (from --profile, docker.profiles or COMPOSE_PROFILES).");
    }
    return profile;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    b.stream().filter(x -> !all.contains(x)).forEach(all::add);
    return all;
  }
}
