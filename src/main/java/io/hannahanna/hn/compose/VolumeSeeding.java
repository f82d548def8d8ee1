package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A worktree's named volumes filled from another worktree's (the main checkout's by default): the
 * project's own volumes, never external or shared ones, each copied whole by {@link VolumeCopy}.
 */
@Singleton
public class VolumeSeeding {
  private final Workspace workspace;
  private final Worktrees worktrees;
  private final ComposeProjects projects;
  private final ProjectLifecycle lifecycle;
  private final EngineVolumes engine;
  private final VolumeCopy copy;
  private final RepositoryTrust trust;
  private final Diagnostics diagnostics;

  public VolumeSeeding(
      Workspace workspace,
      Worktrees worktrees,
      ComposeProjects projects,
      ProjectLifecycle lifecycle,
      EngineVolumes engine,
      VolumeCopy copy,
      RepositoryTrust trust,
      Diagnostics diagnostics) {
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.projects = projects;
    this.lifecycle = lifecycle;
    this.engine = engine;
    this.copy = copy;
    this.trust = trust;
    this.diagnostics = diagnostics;
  }

  /** Whether a new worktree is seeded without being asked: docker.seed is configured. */
  public boolean configured() {
    return projects.config().seed() != null;
  }

  /**
   * The worktree to copy from: the one named (--seed-from, --from), else docker.seed.from, else the
   * main checkout; "main" is the main checkout whatever its branch.
   */
  public Worktree source(String named) {
    HnConfig.Seed seed = projects.config().seed();
    String from = named != null ? named : seed == null ? "main" : seed.from();
    List<Worktree> all = worktrees.list();
    if (from.equals("main") && all.stream().noneMatch(w -> w.name().equals("main"))) {
      return all.stream().filter(Worktree::main).findFirst().orElseThrow();
    }
    return worktrees.find(from);
  }

  /**
   * Copies the source's volumes into the target's; replace: the target's volumes have content that
   * goes (its stack must be stopped). Prints one line per volume.
   */
  public void seed(Worktree target, Worktree source, boolean replace) {
    if (target.name().equals(source.name())) {
      throw new HnException("'" + target.name() + "' cannot be seeded from itself.");
    }
    ComposeProject project = projects.requireFile(target);
    List<String> volumes = volumesToSeed(project);
    if (volumes.isEmpty()) {
      diagnostics.info("hn: " + target.name() + "'s project has no volumes of its own to seed.");
      return;
    }
    String sourceProject =
        source.main()
            ? engine
                .projectWorkingIn(source.path())
                .orElse(ComposeProject.sanitize(source.path().getFileName().toString()))
            : projects.project(source).name();
    Map<String, String> from = engine.projectVolumes(sourceProject);
    Map<String, String> to = engine.projectVolumes(project.name());
    if (!to.keySet().containsAll(volumes)) {
      lifecycle.create(target); // compose makes the volumes as it wants them
      to = engine.projectVolumes(project.name());
    }
    for (String volume : volumes) {
      String into = to.get(volume);
      if (into != null && !engine.runningMounting(into).isEmpty()) {
        throw new HnException(
            "'"
                + target.name()
                + "' is running, so hn does not replace its volume "
                + volume
                + "; stop it first: hn docker stop "
                + target.name());
      }
    }
    String image = image();
    Repo repo = workspace.repo();
    for (String volume : volumes) {
      if (!from.containsKey(volume)) {
        diagnostics.info(
            "hn: "
                + source.name()
                + " has no volume "
                + volume
                + " on the engine (project "
                + sourceProject
                + "); "
                + target.name()
                + "'s starts empty.");
        continue;
      }
      String into = to.get(volume);
      if (into == null) {
        throw new HnException(
            "compose did not create the volume " + volume + " of " + project.name() + ".");
      }
      VolumeCopy.Copied copied =
          copy.copy(
              from.get(volume),
              into,
              replace,
              image,
              repo.stateDir(),
              "seeding " + volume + " from " + source.name());
      diagnostics.info("seeded " + volume + " from " + source.name() + ": " + copied.summary());
    }
  }

  /** The image that copies volumes (docker.seed.image where trusted). */
  String image() {
    return trust.seedImage(workspace.repo());
  }

  /** The project's own named volumes, or the ones docker.seed.volumes names. */
  private List<String> volumesToSeed(ComposeProject project) {
    List<String> own = ownVolumes(project);
    HnConfig.Seed seed = projects.config().seed();
    if (seed == null || seed.volumes().isEmpty()) {
      return own;
    }
    for (String named : seed.volumes()) {
      if (!own.contains(named)) {
        throw new HnException(
            "docker.seed.volumes names "
                + named
                + ", which is not one of the project's own volumes"
                + (own.isEmpty() ? "" : " (" + String.join(", ", own) + ")")
                + ".");
      }
    }
    return seed.volumes();
  }

  /** The project's own named volumes: not external (which shared ones are in hn's file). */
  List<String> ownVolumes(ComposeProject project) {
    Map<String, Object> document;
    try {
      document =
          ComposeModel.parse(Files.readString(project.file()), project.file().toString())
              .document();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> own = new ArrayList<>();
    if (document.get("volumes") instanceof Map<?, ?> defined) {
      defined.forEach(
          (name, definition) -> {
            if (!(definition instanceof Map<?, ?> d && EffectiveCompose.isExternal(d))) {
              own.add(String.valueOf(name));
            }
          });
    }
    return own;
  }
}
