package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine holds of this repository's hn projects, read by their labels: each worktree's
 * project status, orphaned projects (and their removal) and per-worktree volumes.
 */
@Singleton
public class EngineInventory {
  private final Workspace workspace;
  private final ComposeCli compose;
  private final Docker docker;
  private final ComposeProjects projects;
  private final EngineTarget engine;

  public EngineInventory(
      Workspace workspace,
      ComposeCli compose,
      Docker docker,
      ComposeProjects projects,
      EngineTarget engine) {
    this.engine = engine;
    this.workspace = workspace;
    this.compose = compose;
    this.docker = docker;
    this.projects = projects;
  }

  /**
   * A worktree's project as the engine reports it.
   *
   * @param composeCommand how to reach the same project with plain compose
   * @param engine the docker context the project runs on; null: the shell's engine
   */
  public record Status(
      String project,
      String file,
      State state,
      int running,
      int total,
      int unhealthy,
      String composeCommand,
      String engine) {}

  /** How a project stands: all, some or none of its containers running, none, or unknown. */
  public enum State {
    RUNNING,
    PARTIAL,
    STOPPED,
    /** no containers */
    ABSENT,
    /** Docker unreachable */
    UNKNOWN;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static State of(int running, int total) {
      return total == 0 ? ABSENT : running == total ? RUNNING : running == 0 ? STOPPED : PARTIAL;
    }
  }

  /**
   * The status of each worktree's project, from one look at the engine. The plain compose command
   * (null unless asked for) may need a look at which compose is installed, which `hn list` skips.
   */
  public Map<String, Status> status(List<Worktree> worktrees, boolean withComposeCommand) {
    Map<String, List<Docker.Container>> byEngine = new java.util.HashMap<>(); // null: unreachable
    Map<String, Status> result = new LinkedHashMap<>();
    for (Worktree w : worktrees) {
      ComposeProject project = projects.project(w); // its engine, from now on
      String key = java.util.Objects.toString(engine.context(), "");
      if (!byEngine.containsKey(key)) {
        byEngine.put(key, containersOrNull()); // one look at each engine
      }
      List<Docker.Container> containers = byEngine.get(key);
      String command =
          withComposeCommand
              ? String.join(" ", compose.prepareQuietly(projects.composeCommand(), project))
              : null;
      if (containers == null) {
        result.put(
            w.name(),
            new Status(
                project.name(),
                project.file().toString(),
                State.UNKNOWN,
                0,
                0,
                0,
                command,
                engine.context()));
        continue;
      }
      List<Docker.Container> mine =
          containers.stream().filter(c -> c.project().equals(project.name())).toList();
      int running = (int) mine.stream().filter(Docker.Container::running).count();
      State state = State.of(running, mine.size());
      result.put(
          w.name(),
          new Status(
              project.name(),
              project.file().toString(),
              state,
              running,
              mine.size(),
              (int) mine.stream().filter(Docker.Container::unhealthy).count(),
              command,
              engine.context()));
    }
    return result;
  }

  private List<Docker.Container> containersOrNull() {
    try {
      return containers();
    } catch (HnException e) {
      return null;
    }
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
    return prune(live, dryRun, volumes, engine.engines());
  }

  /** As {@link #prune(java.util.Set, boolean, boolean)}, on each of these engines. */
  public List<Pruned> prune(
      java.util.Set<String> live, boolean dryRun, boolean volumes, List<String> engines) {
    List<Pruned> pruned = new ArrayList<>();
    for (String each : engines) {
      engine.use(each);
      pruned.addAll(pruneThisEngine(live, dryRun, volumes));
    }
    engine.use(null);
    return pruned;
  }

  private List<Pruned> pruneThisEngine(
      java.util.Set<String> live, boolean dryRun, boolean volumes) {
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
}
