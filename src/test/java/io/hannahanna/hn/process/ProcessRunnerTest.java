package io.hannahanna.hn.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  final ProcessRunner runner = new ProcessRunner();
  @TempDir Path dir;

  @Test
  void argumentsReachTheProgramVerbatimWithoutAShell() {
    Path marker = dir.resolve("pwned");
    ProcessResult result =
        runner.run(Cmd.of(dir, "printf", "%s|", "a b", "; touch " + marker, "$(id)"));
    assertEquals(0, result.exitCode());
    assertEquals("a b|; touch " + marker + "|$(id)|", result.stdout());
    assertTrue(Files.notExists(marker));
  }

  @Test
  void capturesExitCodeStderrEnvironmentAndDirectory() {
    ProcessResult result =
        runner.run(
            Cmd.of(dir, "sh", "-c", "echo \"$HN_X\" >&2; pwd; exit 7")
                .withEnv(Map.of("HN_X", "from-env")));
    assertEquals(7, result.exitCode());
    assertEquals(dir.toString(), result.stdout().strip());
    assertEquals("from-env", result.errorLine());
  }

  @Test
  void largeOutputDoesNotBlock() {
    ProcessResult result = runner.run(Cmd.of(dir, "head", "-c", "2000000", "/dev/zero"));
    assertEquals(2_000_000, result.stdout().length());
  }

  @Test
  void missingProgramAndTimeoutAreClearErrors() {
    HnException missing =
        assertThrows(HnException.class, () -> runner.run(Cmd.of(dir, "no-such-program-hn")));
    assertEquals(
        "Cannot run 'no-such-program-hn': it is not installed or not on PATH.",
        missing.getMessage());
    Cmd slow = new Cmd(List.of("sleep", "5"), dir, Map.of(), Duration.ofMillis(200));
    HnException timeout = assertThrows(HnException.class, () -> runner.run(slow));
    assertTrue(timeout.getMessage().contains("did not finish"), timeout.getMessage());
  }

  @Test
  void aBegunProgramRunsWhileTheCallerWorksAndIsStoppedWhenNotWanted() throws Exception {
    ProcessRunner.Running first =
        runner.begin(Cmd.of(dir, "sh", "-c", "sleep 1; touch first-done; echo first"));
    ProcessRunner.Running second = runner.begin(Cmd.of(dir, "sh", "-c", "echo second"));
    assertEquals("second\n", second.result().stdout());
    assertTrue(Files.notExists(dir.resolve("first-done")), "begin did not wait for the first");
    assertEquals("first\n", first.result().stdout());

    ProcessRunner.Running unwanted =
        runner.begin(Cmd.of(dir, "sh", "-c", "echo $$ > started; sleep 30; touch late"));
    for (int i = 0; i < 100 && Files.notExists(dir.resolve("started")); i++) {
      Thread.sleep(50);
    }
    Thread.sleep(100); // the shell is in its sleep now
    long shell = Long.parseLong(Files.readString(dir.resolve("started")).strip());
    unwanted.cancel();
    for (int i = 0;
        i < 100 && ProcessHandle.of(shell).map(ProcessHandle::isAlive).orElse(false);
        i++) {
      Thread.sleep(20);
    }
    assertFalse(
        ProcessHandle.of(shell).map(ProcessHandle::isAlive).orElse(false), "cancel stopped it");
    Thread.sleep(300);
    assertTrue(
        Files.notExists(dir.resolve("late")),
        "the shell did not go on after its child was stopped");
  }

  @Test
  void interactiveRunReturnsTheExitCode() {
    assertEquals(3, runner.runInteractive(Cmd.of(dir, "sh", "-c", "exit 3")));
  }
}
