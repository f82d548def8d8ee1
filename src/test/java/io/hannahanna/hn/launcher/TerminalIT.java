package io.hannahanna.hn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colours and progress on a real terminal (util-linux `script` gives hn a pseudo-terminal). */
class TerminalIT {
  static final String ESC = "\u001b[";

  @TempDir Path tmp;

  /** Runs hn with stdout and stderr on a pseudo-terminal; both arrive on the result's stdout. */
  static Result onTerminal(Path dir, Map<String, String> env, String... args) {
    List<String> words = new ArrayList<>(List.of(LauncherIT.HN.toString()));
    words.addAll(List.of(args));
    String command =
        words.stream()
            .map(w -> "'" + w.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    return GitRepo.exec(dir, List.of("script", "-qec", command, "/dev/null"), env);
  }

  @Test
  void coloursOnATerminalUnlessNoColorOrTheFlagAndNeverInAPipe() {
    GitRepo repo = GitRepo.create(tmp);
    Path root = repo.root();
    Result coloured = onTerminal(root, Map.of(), "doctor");
    assertTrue(coloured.stdout().contains(ESC + "32mOK"), coloured.stdout());

    Result noColorEnv = onTerminal(root, Map.of("NO_COLOR", "1"), "doctor");
    assertTrue(noColorEnv.stdout().contains("OK"), noColorEnv.stdout());
    assertFalse(noColorEnv.stdout().contains(ESC), noColorEnv.stdout());

    Result flag = onTerminal(root, Map.of(), "doctor", "--no-color");
    assertTrue(flag.stdout().contains("OK"), flag.stdout());
    assertFalse(flag.stdout().contains(ESC), flag.stdout());

    Result piped = LauncherIT.hn(root, "doctor");
    assertFalse(piped.stdout().contains(ESC), piped.stdout());

    Result error = onTerminal(tmp, Map.of(), "list");
    assertEquals(1, error.exit());
    assertTrue(error.stdout().startsWith(ESC + "1;31mhn:"), error.stdout());
    assertFalse(LauncherIT.hn(tmp, "list").stderr().contains(ESC));
  }

  @Test
  void listWatchRedrawsOnATerminalUntilInterrupted() {
    GitRepo repo = GitRepo.create(tmp);
    LauncherIT.hn(repo.root(), "--version"); // the start-up cache, recorded once per build
    // `timeout -s INT` stands in for Ctrl-C after 5 s: at least two draws, each clearing first
    Result watched =
        GitRepo.exec(
            repo.root(),
            List.of(
                "script",
                "-qec",
                "timeout -s INT 5 '" + LauncherIT.HN + "' list --watch",
                "/dev/null"),
            Map.of());
    long draws = watched.stdout().split(java.util.regex.Pattern.quote(ESC + "2J"), -1).length - 1;
    assertTrue(draws >= 2, draws + " draws: " + watched.stdout());
    assertTrue(watched.stdout().contains(repo.root().toString()), watched.stdout());
    Result piped = LauncherIT.hn(repo.root(), "list", "--watch");
    assertEquals(2, piped.exit(), piped.stderr());
    assertTrue(piped.stderr().contains("--watch redraws the table on a terminal"), piped.stderr());
  }

  @ComposeV2
  void progressWhileWaitingForHealthOnlyOnATerminal(String compose) {
    DockerEngine.use(compose);
    DockerEngine.reset(); // this hn is another process: it is told through HN_COMPOSE
    Map<String, String> env = Map.of("HN_COMPOSE", compose);
    GitRepo repo = GitRepo.create(tmp);
    repo.write(
        "compose.yml",
        "services:\n  web:\n    image: "
            + DockerEngine.IMAGE
            + "\n    command: [\"sh\", \"-c\", \"sleep 1; mkdir -p /tmp; touch /tmp/ok; exec sleep 3600\"]\n"
            + "    healthcheck:\n      test: [\"CMD\", \"test\", \"-f\", \"/tmp/ok\"]\n      interval: 1s\n");
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n  auto_start: false\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    Path root = repo.root();
    try {
      assertEquals(0, LauncherIT.hn(root, env, "add", "a").exit());
      Result terminal = onTerminal(root, env, "docker", "start", "a", "--wait");
      assertEquals(0, terminal.exit(), terminal.stdout());
      assertTrue(terminal.stdout().contains("Starting "), terminal.stdout());
      assertTrue(terminal.stdout().contains("Waiting for the services of 'a'"), terminal.stdout());
      assertTrue(terminal.stdout().contains("web: healthy"), terminal.stdout());

      // without a terminal, no progress: DockerHealthTest (in-process, stderr a pipe there too)
    } finally {
      DockerEngine.clean(root);
    }
  }
}
