package io.hannahanna.hn.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A repository whose stack keeps its data in a named volume, as seeding needs: service db mounts
 * volume data at /data; `docker.seed` copies with the test image; its config is trusted.
 */
public final class MainWithVolume {
  public static final String COMPOSE =
      "services:\n  db:\n    image: "
          + DockerEngine.IMAGE
          + "\n    command: [sleep, '100000']\n    volumes: [data:/data]\nvolumes:\n  data: {}\n";

  private MainWithVolume() {}

  /** The repository, committed and trusted; its folder name is compose's project name. */
  public static GitRepo create(Path parent, String name) {
    GitRepo repo = GitRepo.create(parent, name);
    repo.write("compose.yml", COMPOSE)
        .write(
            ".hannahanna.yml",
            "docker:\n  enabled: true\n  seed:\n    from: main\n    image: "
                + DockerEngine.IMAGE
                + "\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "stack");
    Trusted.config(repo.root());
    return repo;
  }

  /** Compose in the main checkout, as its user runs it (`compose`: "docker compose", say). */
  public static GitRepo.Result compose(GitRepo repo, String compose, String... args) {
    List<String> argv = new ArrayList<>(List.of(compose.split(" ")));
    argv.addAll(List.of(args));
    GitRepo.Result result = GitRepo.exec(repo.root(), argv, Map.of());
    assertEquals(0, result.exit(), String.join(" ", argv) + ": " + result.stderr());
    return result;
  }
}
