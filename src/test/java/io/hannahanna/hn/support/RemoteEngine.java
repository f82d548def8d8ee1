package io.hannahanna.hn.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.support.GitRepo.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A second, real Docker engine on another "host": `.ci/run` starts it in a network namespace of its
 * own (10.210.0.2) and names it with the docker context {@value #CONTEXT}. Its published ports bind
 * there, not on this machine's loopback. Without it the test is skipped, unless HN_REQUIRE_DOCKER=1
 * makes that a failure. The test image is loaded into it from the local engine.
 */
public final class RemoteEngine {
  public static final String CONTEXT = "hn-test-remote";
  private static Boolean available;

  private RemoteEngine() {}

  public static void require() {
    DockerEngine.require();
    if (available == null) {
      available = docker("info").exit() == 0;
      if (available && docker("image", "inspect", DockerEngine.IMAGE).exit() != 0) {
        load();
      }
      if (available) {
        // hn's helper image (it lists the host's listening ports) is the test image here
        docker("tag", DockerEngine.IMAGE, HnConfig.Seed.DEFAULT_IMAGE);
      }
    }
    if (!available) {
      String why = "no second engine (docker context " + CONTEXT + ", set up by .ci/run)";
      if ("1".equals(System.getenv("HN_REQUIRE_DOCKER"))) {
        fail(why + ", and HN_REQUIRE_DOCKER=1 requires one");
      }
      Assumptions.abort(why + "; remote engine tests skipped");
    }
  }

  /** The same engine reached through ssh (root@ its host, sshd in the namespace). */
  public static final String SSH_CONTEXT = "hn-test-remote-ssh";

  /** The engine through ssh, or a skip (a failure under HN_REQUIRE_DOCKER=1). */
  public static void requireSsh() {
    require();
    List<String> argv = List.of("docker", "--context", SSH_CONTEXT, "info");
    if (GitRepo.exec(Path.of("."), argv, Map.of()).exit() != 0) {
      String why =
          "no ssh engine (docker context " + SSH_CONTEXT + ", set up by .ci/remote-engine)";
      if ("1".equals(System.getenv("HN_REQUIRE_DOCKER"))) {
        fail(why + ", and HN_REQUIRE_DOCKER=1 requires one");
      }
      Assumptions.abort(why + "; ssh engine tests skipped");
    }
  }

  /** docker save | docker --context … load, as a pipeline of two processes (no shell). */
  private static void load() {
    try {
      List<Process> pipeline =
          ProcessBuilder.startPipeline(
              List.of(
                  new ProcessBuilder("docker", "save", DockerEngine.IMAGE),
                  new ProcessBuilder("docker", "--context", CONTEXT, "load")
                      .redirectOutput(ProcessBuilder.Redirect.DISCARD)));
      if (pipeline.get(1).waitFor() != 0) {
        fail("cannot load the test image into " + CONTEXT);
      }
    } catch (java.io.IOException e) {
      fail("cannot load the test image into " + CONTEXT + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }

  /** The host the engine publishes ports on. */
  public static String host() {
    return docker("context", "inspect", CONTEXT, "--format", "{{.Endpoints.docker.Host}}")
        .stdout()
        .strip()
        .replaceFirst("^[a-z]+://", "")
        .replaceFirst(":\\d+$", "");
  }

  public static Result docker(String... args) {
    List<String> argv = new ArrayList<>(List.of("docker", "--context", CONTEXT));
    argv.addAll(List.of(args));
    return GitRepo.exec(Path.of("."), argv, Map.of());
  }

  /** Names of the containers on the remote engine that carry a label. */
  public static List<String> containers(String label) {
    return docker("ps", "-a", "--filter", "label=" + label, "--format", "{{.Names}}")
        .stdout()
        .lines()
        .filter(l -> !l.isBlank())
        .toList();
  }
}
