package io.hannahanna.hn.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.hannahanna.hn.support.GitRepo.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Docker engine for tests. Without a reachable engine the test is skipped, unless
 * HN_REQUIRE_DOCKER=1 (set by .ci/run), which makes it a failure. The test image is built here from
 * the machine's static busybox, since no registry can be reached.
 */
public final class DockerEngine {
  public static final String IMAGE = "hn-test-busybox:latest";
  public static final String COMPOSE_V2 = "docker compose";
  public static final String COMPOSE_V1 = "docker-compose";
  private static final String COMPOSE_PROPERTY = "hn.compose";
  private static Boolean available;

  private DockerEngine() {}

  public static void require() {
    if (available == null) {
      available =
          docker("info").exit() == 0
              && (docker("compose", "version").exit() == 0 || compose().exit() == 0);
      if (available) {
        buildImage();
      }
    }
    if (!available) {
      String why = "no Docker engine with compose is reachable";
      if ("1".equals(System.getenv("HN_REQUIRE_DOCKER"))) {
        fail(why + ", and HN_REQUIRE_DOCKER=1 requires one");
      }
      Assumptions.abort(why + "; Docker tests skipped (HN_REQUIRE_DOCKER=1 makes this a failure)");
    }
  }

  private static Result compose() {
    return GitRepo.exec(Path.of("."), List.of("docker-compose", "version", "--short"), Map.of());
  }

  /**
   * Requires the engine and makes hn use the given compose command until {@link #reset()}. A
   * variant that is not installed skips the test, or fails it under HN_REQUIRE_DOCKER=1 (CI
   * installs both).
   */
  public static void use(String compose) {
    require();
    List<String> version = new ArrayList<>(List.of(compose.split(" ")));
    version.add("version");
    if (GitRepo.exec(Path.of("."), version, Map.of()).exit() != 0) {
      String why = "'" + compose + "' is not installed";
      if ("1".equals(System.getenv("HN_REQUIRE_DOCKER"))) {
        fail(why + ", and HN_REQUIRE_DOCKER=1 requires both compose variants");
      }
      Assumptions.abort(why + "; this variant is skipped");
    }
    System.setProperty(COMPOSE_PROPERTY, compose);
  }

  /** Back to hn's own choice of compose command. */
  public static void reset() {
    System.clearProperty(COMPOSE_PROPERTY);
  }

  /**
   * The image's containers are killed on stop: their processes run as PID 1, which ignores SIGTERM,
   * so every stop would otherwise wait out the engine's 10 s timeout. An image built before this
   * rule is built again.
   */
  private static void buildImage() {
    Result existing = docker("image", "inspect", "--format", "{{.Config.StopSignal}}", IMAGE);
    if (existing.exit() == 0 && existing.stdout().strip().equals("SIGKILL")) {
      return;
    }
    try {
      Path dir = Files.createTempDirectory("hn-image");
      Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"));
      Files.writeString(
          dir.resolve("Dockerfile"),
          "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
              + "ENV PATH=/bin\nSTOPSIGNAL SIGKILL\nCMD [\"sh\"]\n");
      Result built = docker("build", "-q", "-t", IMAGE, dir.toString());
      if (built.exit() != 0) {
        fail("cannot build the test image: " + built.stderr());
      }
    } catch (java.io.IOException e) {
      fail("cannot build the test image: " + e);
    }
  }

  public static Result docker(String... args) {
    List<String> argv = new ArrayList<>(List.of("docker"));
    argv.addAll(List.of(args));
    return GitRepo.exec(Path.of("."), argv, Map.of());
  }

  /** Lines of `docker <args>` stdout. */
  public static List<String> lines(String... args) {
    return docker(args).stdout().lines().filter(l -> !l.isBlank()).toList();
  }

  /** Removes every container, network and volume the tests' hn projects of a repository left. */
  public static void clean(Path repository) {
    String label = "label=io.hannahanna.hn.repository=" + repository;
    for (String id : lines("ps", "-aq", "--filter", label)) {
      docker("rm", "-f", id);
    }
    for (String id : lines("network", "ls", "-q", "--filter", label)) {
      docker("network", "rm", id);
    }
    for (String id : lines("volume", "ls", "-q", "--filter", label)) {
      docker("volume", "rm", "-f", id);
    }
  }
}
