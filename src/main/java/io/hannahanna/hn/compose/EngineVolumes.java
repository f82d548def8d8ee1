package io.hannahanna.hn.compose;

import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compose projects' volumes on the engine, and who mounts them, for copying them. */
@Singleton
public class EngineVolumes {
  private final Docker docker;

  public EngineVolumes(Docker docker) {
    this.docker = docker;
  }

  /** The running (not paused) containers that mount a volume. */
  public List<String> runningMounting(String volume) {
    return docker
        .run(
            "list containers",
            "ps",
            "-q",
            "--no-trunc",
            "--filter",
            "volume=" + volume,
            "--filter",
            "status=running")
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }

  /**
   * A compose project's named volumes on the engine, by the name compose gives them in the project
   * (`com.docker.compose.volume`) to the engine's name.
   */
  public Map<String, String> projectVolumes(String project) {
    Map<String, String> volumes = new LinkedHashMap<>();
    docker
        .run(
            "list volumes",
            "volume",
            "ls",
            "--filter",
            "label=com.docker.compose.project=" + project,
            "--format",
            "{{.Label \"com.docker.compose.volume\"}}\t{{.Name}}")
        .lines()
        .map(l -> l.split("\t", -1))
        .filter(f -> f.length == 2 && !f[0].isEmpty())
        .forEach(f -> volumes.put(f[0], f[1]));
    return volumes;
  }

  /**
   * The compose project the main checkout's own containers belong to (`docker compose up` run
   * there), if any is on the engine.
   */
  public Optional<String> projectWorkingIn(Path directory) {
    return docker
        .run(
            "list containers",
            "ps",
            "-a",
            "--filter",
            "label=com.docker.compose.project.working_dir=" + directory,
            "--format",
            "{{.Label \"com.docker.compose.project\"}}")
        .lines()
        .filter(l -> !l.isBlank())
        .findFirst();
  }
}
