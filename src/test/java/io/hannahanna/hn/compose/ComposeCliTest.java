package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argv hn would run, checked with a runner that records instead of starting anything. */
class ComposeCliTest {
  /** Answers like a machine that has only the programs given. */
  static final class RecordingRunner extends ProcessRunner {
    final List<List<String>> calls = new ArrayList<>();
    final Set<String> working;

    RecordingRunner(String... working) {
      this.working = Set.of(working);
    }

    @Override
    public ProcessResult run(Cmd cmd) {
      calls.add(cmd.argv());
      String key = String.join(" ", cmd.argv().subList(0, Math.min(2, cmd.argv().size())));
      return working.contains(key)
          ? new ProcessResult(0, "", "")
          : new ProcessResult(1, "", "unknown command");
    }
  }

  final ComposeProject project =
      new ComposeProject("app-abc123-x", Path.of("/state/x/compose.yml"), Path.of("/trees/x"));

  @Test
  void prefersThePluginThenStandaloneCompose() {
    RecordingRunner plugin = new RecordingRunner("docker compose", "docker-compose version");
    assertEquals(
        List.of("docker", "compose"),
        new ComposeCli(plugin, Optional.empty(), "docker").command(null));

    RecordingRunner standalone = new RecordingRunner("docker-compose version");
    assertEquals(
        List.of("docker-compose"),
        new ComposeCli(standalone, Optional.empty(), "docker").command(null));
    assertEquals(
        List.of(
            List.of("docker", "compose", "version"),
            List.of("docker-compose", "version", "--short")),
        standalone.calls);

    HnException none =
        assertThrows(
            HnException.class,
            () -> new ComposeCli(new RecordingRunner(), Optional.empty(), "docker").command(null));
    assertTrue(none.getMessage().contains("No Docker Compose found"), none.getMessage());
  }

  @Test
  void theDetectedComposeIsKeptUntilTheProgramsChange(@TempDir Path tmp) throws Exception {
    Path docker = Files.writeString(tmp.resolve("docker"), "#!/bin/sh\n");
    Path cache = tmp.resolve("state/hn/compose");
    RecordingRunner runner = new RecordingRunner(docker + " compose");
    List<String> plugin = List.of(docker.toString(), "compose");
    assertEquals(
        plugin, new ComposeCli(runner, Optional.empty(), docker.toString(), cache).command(null));
    assertEquals(
        plugin, new ComposeCli(runner, Optional.empty(), docker.toString(), cache).command(null));
    assertEquals(1, runner.calls.size(), "the second hn asked nobody: " + runner.calls);

    Files.writeString(docker, "#!/bin/sh\n# a new docker\n");
    assertEquals(
        plugin, new ComposeCli(runner, Optional.empty(), docker.toString(), cache).command(null));
    assertEquals(2, runner.calls.size(), "a changed docker is asked again");

    Files.writeString(cache, "garbage");
    assertEquals(
        plugin, new ComposeCli(runner, Optional.empty(), docker.toString(), cache).command(null));
    assertEquals(3, runner.calls.size());

    RecordingRunner nothing = new RecordingRunner();
    Path other = Files.writeString(tmp.resolve("other-docker"), "x");
    for (int i = 0; i < 2; i++) {
      assertThrows(
          HnException.class,
          () -> new ComposeCli(nothing, Optional.empty(), other.toString(), cache).command(null));
    }
    assertEquals(4, nothing.calls.size(), "a failed detection is not kept: " + nothing.calls);
  }

  @Test
  void environmentBeatsConfigAndNothingIsDetected() {
    RecordingRunner runner = new RecordingRunner();
    assertEquals(
        List.of("/opt/compose"),
        new ComposeCli(runner, Optional.of("/opt/compose"), "docker").command("docker-compose"));
    assertEquals(
        List.of("docker", "compose"),
        new ComposeCli(runner, Optional.empty(), "docker").command("docker  compose"));
    assertEquals(List.of(), runner.calls);
  }

  @Test
  void everyCallNamesProjectFileAndDirectoryAsSeparateArguments() {
    ComposeCli cli =
        new ComposeCli(new RecordingRunner("docker compose"), Optional.empty(), "docker");
    ComposeProject odd =
        new ComposeProject(
            "p", Path.of("/state/a b;$(touch x)/compose.yml"), Path.of("/trees/a b;`id`"));
    Cmd cmd = cli.prepare(null, odd, "exec", "-T", "web", "sh", "-c", "echo $HOME; rm -rf /");
    assertEquals(
        List.of(
            "docker",
            "compose",
            "-p",
            "p",
            "-f",
            "/state/a b;$(touch x)/compose.yml",
            "--project-directory",
            "/trees/a b;`id`",
            "exec",
            "-T",
            "web",
            "sh",
            "-c",
            "echo $HOME; rm -rf /"),
        cmd.argv());
    assertEquals(Path.of("/trees/a b;`id`"), cmd.dir());
    assertEquals(
        List.of(
            "docker",
            "compose",
            "-p",
            "app-abc123-x",
            "-f",
            "/state/x/compose.yml",
            "--project-directory",
            "/trees/x"),
        cli.prepareQuietly(null, project));
  }

  @Test
  void failuresNameTheDaemonWhenItIsNotThere() {
    HnException down =
        DockerFailure.of(
            "list containers",
            new ProcessResult(
                1,
                "",
                "Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?\n"));
    assertTrue(
        down.getMessage().startsWith("Cannot list containers: the Docker daemon is not reachable"));
    assertTrue(down.getMessage().endsWith("; start Docker (or check DOCKER_HOST) and try again."));
    assertEquals(
        "Cannot start p: boom",
        DockerFailure.of("start p", new ProcessResult(1, "", "noise\nboom\n")).getMessage());
  }

  @Test
  void projectNamesFollowComposeRules() {
    assertEquals("my-app-feat_x", ComposeProject.sanitize("My.App-Feat_X"));
    assertEquals("a1", ComposeProject.sanitize("--a1"));
    assertEquals("hn", ComposeProject.sanitize("..."));
  }
}
