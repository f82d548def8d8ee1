package io.hannahanna.hn.support;

import io.hannahanna.hn.cli.HnApplication;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs hn commands inside the application a {@code @QuarkusTest} has booted once for the suite, as
 * {@link HnApplication} runs them in a process: each in its own request context (on its own thread,
 * so never the test's), with stdout and stderr captured. Given to test methods as a {@link
 * QuarkusMainLauncher} (a {@link HnTest} class); its results read like those of
 * {@code @QuarkusMainTest}, which boots a new application for every launch (about half a second
 * each).
 */
public final class InProcessHn implements ParameterResolver {
  private static final String ANSI_ESCAPE = "\u001B\\[(.*?)[a-zA-Z]";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == QuarkusMainLauncher.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return (QuarkusMainLauncher) InProcessHn::launch;
  }

  public static LaunchResult launch(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicReference<Integer> exit = new AtomicReference<>();
    AtomicReference<Throwable> crash = new AtomicReference<>();
    Thread invocation =
        new Thread(
            () -> {
              try {
                HnApplication hn = Arc.container().instance(HnApplication.class).get();
                exit.set(hn.run(args, new PrintWriter(out, true), new PrintWriter(err, true)));
              } catch (Throwable t) {
                crash.set(t);
              }
            },
            "hn " + String.join(" ", args));
    invocation.start();
    try {
      invocation.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (crash.get() != null) {
      throw new AssertionError("hn " + String.join(" ", args) + " crashed", crash.get());
    }
    return new Result(lines(out), lines(err), exit.get());
  }

  /** As QuarkusMainTest splits what it captured: escapes removed, no trailing empty lines. */
  private static List<String> lines(StringWriter captured) {
    return Arrays.asList(captured.toString().replaceAll(ANSI_ESCAPE, "").split("\n"));
  }

  private record Result(List<String> getOutputStream, List<String> getErrorStream, int exitCode)
      implements LaunchResult {}
}
