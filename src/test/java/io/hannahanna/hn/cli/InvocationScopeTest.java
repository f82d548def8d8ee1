package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invocations in one application (as the tests run hn) share nothing an invocation learned. */
@HnTest
class InvocationScopeTest {
  @TempDir Path tmp;

  @Test
  void eachInvocationHasItsOwnRepositoryDatabaseAndOptions(QuarkusMainLauncher hn) {
    String a = GitRepo.create(tmp, "a").root().toString();
    String b = GitRepo.create(tmp, "b").root().toString();
    assertOk(hn.launch("-C", a, "ports", "allocate", "x", "web:80"));

    LaunchResult inB = hn.launch("-C", b, "ports", "list");
    assertOk(inB);
    assertTrue(!inB.getOutput().contains("x"), "b's registry is b's own: " + inB.getOutput());
    assertTrue(Files.exists(Path.of(b, ".hn-state/hn.db")), "b's database was opened");

    LaunchResult verbose = hn.launch("--verbose", "-C", a, "ports", "show", "nothing-here");
    LaunchResult plain = hn.launch("-C", a, "ports", "show", "nothing-here");
    assertEquals(1, plain.exitCode(), plain.getErrorOutput());
    assertEquals(
        1, plain.getErrorOutput().lines().count(), "no stack trace: " + plain.getErrorOutput());
    // the positive control: the same failure with --verbose does print the trace
    assertTrue(
        verbose.getErrorOutput().contains("\tat io.hannahanna.hn."),
        "--verbose shows the stack trace: " + verbose.getErrorOutput());
  }
}
