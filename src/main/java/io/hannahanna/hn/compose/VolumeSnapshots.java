package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.repo.WorktreeName;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of a worktree's named volumes kept as engine volumes, labelled as hn's and as the
 * worktree's (so `hn docker prune` and `hn remove` know them), to reset its data to a saved state.
 */
@Singleton
public class VolumeSnapshots {
  static final String LABEL_SNAPSHOT = "io.hannahanna.hn.snapshot";
  static final String LABEL_OF = "io.hannahanna.hn.snapshot.of";
  static final String LABEL_CREATED = "io.hannahanna.hn.snapshot.created";

  private static final DateTimeFormatter DEFAULT_NAME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Workspace workspace;
  private final ComposeProjects projects;
  private final Docker docker;
  private final EngineVolumes engine;
  private final VolumeCopy copy;
  private final VolumeSeeding seeding;

  public VolumeSnapshots(
      Workspace workspace,
      ComposeProjects projects,
      Docker docker,
      EngineVolumes engine,
      VolumeCopy copy,
      VolumeSeeding seeding) {
    this.workspace = workspace;
    this.projects = projects;
    this.docker = docker;
    this.engine = engine;
    this.copy = copy;
    this.seeding = seeding;
  }

  /** One snapshot: its name, the volumes it holds (by their names in the project), when. */
  public record Snapshot(String name, List<String> volumes, String created) {}

  /** Saves the worktree's volumes under a name (default: the time); returns the name. */
  public String save(Worktree worktree, String name) {
    Instant now = Instant.now();
    String snapshot = name == null ? DEFAULT_NAME.format(now) : valid(name);
    if (list(worktree).stream().anyMatch(s -> s.name().equals(snapshot))) {
      throw new HnException(
          "'"
              + worktree.name()
              + "' already has a snapshot '"
              + snapshot
              + "'; choose another name or remove it: hn docker volumes snapshot rm "
              + worktree.name()
              + " "
              + snapshot);
    }
    Repo repo = workspace.repo();
    Map<String, String> volumes = ownVolumes(worktree);
    if (volumes.isEmpty()) {
      throw new HnException(
          "'" + worktree.name() + "' has no volumes on the engine yet; start it first.");
    }
    for (Map.Entry<String, String> volume : volumes.entrySet()) {
      String into = volume.getValue() + "-snap-" + snapshot;
      docker.run(
          "create the snapshot volume " + into,
          "volume",
          "create",
          "--label",
          EffectiveCompose.LABEL_MANAGED + "=true",
          "--label",
          EffectiveCompose.LABEL_REPOSITORY + "=" + repo.root(),
          "--label",
          EffectiveCompose.LABEL_WORKTREE + "=" + worktree.name(),
          "--label",
          LABEL_SNAPSHOT + "=" + snapshot,
          "--label",
          LABEL_OF + "=" + volume.getKey(),
          "--label",
          LABEL_CREATED + "=" + now,
          into);
      copy.copy(
          volume.getValue(),
          into,
          false,
          seeding.image(),
          repo.stateDir(),
          "saving " + volume.getKey());
    }
    return snapshot;
  }

  /**
   * Puts a snapshot's content back: the containers that mount a volume are stopped for the copy and
   * started again.
   */
  public void restore(Worktree worktree, String name) {
    List<SavedVolume> saved = volumesOf(worktree, valid(name));
    if (saved.isEmpty()) {
      throw new HnException(
          "'"
              + worktree.name()
              + "' has no snapshot '"
              + name
              + "'; 'hn docker volumes snapshot list "
              + worktree.name()
              + "' shows its snapshots.");
    }
    Map<String, String> volumes = ownVolumes(worktree);
    Repo repo = workspace.repo();
    for (SavedVolume snapshot : saved) {
      String of = snapshot.of();
      String into = volumes.get(of);
      if (into == null) {
        throw new HnException(
            "'" + worktree.name() + "' has no volume " + of + " on the engine to restore into.");
      }
      List<String> running = engine.runningMounting(into);
      if (!running.isEmpty()) {
        docker.run("stop what mounts " + into, concat("stop", running));
      }
      try {
        copy.copy(
            snapshot.volume(), into, true, seeding.image(), repo.stateDir(), "restoring " + of);
      } finally {
        if (!running.isEmpty()) {
          docker.run("start what mounts " + into, concat("start", running));
        }
      }
    }
  }

  /** Whether hn prepared a Docker stack for the worktree (it can have snapshots then). */
  public boolean hasStack(Worktree worktree) {
    return java.nio.file.Files.exists(projects.project(worktree).file());
  }

  /** The worktree's snapshots, oldest first. */
  public List<Snapshot> list(Worktree worktree) {
    Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    volumesOf(worktree, null).stream()
        .sorted(java.util.Comparator.comparing(SavedVolume::created))
        .forEach(
            v ->
                snapshots
                    .computeIfAbsent(
                        v.snapshot(), n -> new Snapshot(n, new ArrayList<>(), v.created()))
                    .volumes()
                    .add(v.of()));
    return List.copyOf(snapshots.values());
  }

  /** Removes one snapshot, or (name null) all of the worktree's; returns how many. */
  public int remove(Worktree worktree, String name) {
    List<SavedVolume> doomed = volumesOf(worktree, name == null ? null : valid(name));
    if (name != null && doomed.isEmpty()) {
      throw new HnException("'" + worktree.name() + "' has no snapshot '" + name + "'.");
    }
    docker.remove(doomed.stream().map(SavedVolume::resource).toList());
    return (int) doomed.stream().map(SavedVolume::snapshot).distinct().count();
  }

  /** One engine volume of a snapshot: its name, the snapshot's, the volume it copies, when. */
  private record SavedVolume(String volume, String snapshot, String of, String created) {
    Docker.Resource resource() {
      return new Docker.Resource("volume", volume, volume, "", "");
    }
  }

  /** The engine volumes of a snapshot (of all snapshots: null). */
  private List<SavedVolume> volumesOf(Worktree worktree, String name) {
    List<SavedVolume> found = new ArrayList<>();
    String filter = LABEL_SNAPSHOT + (name == null ? "" : "=" + name);
    for (String line :
        docker
            .run(
                "list volumes",
                "volume",
                "ls",
                "--filter",
                "label=" + EffectiveCompose.LABEL_REPOSITORY + "=" + workspace.repo().root(),
                "--filter",
                "label=" + EffectiveCompose.LABEL_WORKTREE + "=" + worktree.name(),
                "--filter",
                "label=" + filter,
                "--format",
                "{{.Name}}\t{{.Label \""
                    + LABEL_SNAPSHOT
                    + "\"}}\t{{.Label \""
                    + LABEL_OF
                    + "\"}}\t{{.Label \""
                    + LABEL_CREATED
                    + "\"}}")
            .lines()
            .toList()) {
      String[] f = line.split("\t", -1);
      if (f.length == 4) {
        found.add(new SavedVolume(f[0], f[1], f[2], f[3]));
      }
    }
    return found;
  }

  /** The project's own volumes that exist on the engine, by their names in the project. */
  private Map<String, String> ownVolumes(Worktree worktree) {
    ComposeProject project = projects.requireFile(worktree);
    Map<String, String> onEngine = engine.projectVolumes(project.name());
    Map<String, String> own = new LinkedHashMap<>();
    for (String volume : seeding.ownVolumes(project)) {
      if (onEngine.containsKey(volume)) {
        own.put(volume, onEngine.get(volume));
      }
    }
    return own;
  }

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** A snapshot's name becomes part of a volume's name and a label filter. */
  private static String valid(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new io.hannahanna.hn.InvalidInput(
          "Invalid snapshot name '" + name + "': use " + WorktreeName.RULE + ".");
    }
    return name;
  }

  private static String[] concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all.toArray(String[]::new);
  }
}
