package io.hannahanna.hn.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An external program to run: an argv list (never a shell line), a working directory and extra
 * environment. Built as a value first so tests can check the argv without starting anything.
 */
public record Cmd(
    List<String> argv, Path dir, Map<String, String> env, Duration timeout, boolean ownGroup) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public Cmd {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  public Cmd(List<String> argv, Path dir, Map<String, String> env, Duration timeout) {
    this(argv, dir, env, timeout, false);
  }

  public static Cmd of(Path dir, String... argv) {
    return new Cmd(List.of(argv), dir, Map.of(), DEFAULT_TIMEOUT);
  }

  public static Cmd of(Path dir, List<String> argv) {
    return new Cmd(argv, dir, Map.of(), DEFAULT_TIMEOUT);
  }

  public Cmd withEnv(Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(env);
    merged.putAll(extra);
    return new Cmd(argv, dir, merged, timeout, ownGroup);
  }

  public Cmd withTimeout(Duration limit) {
    return new Cmd(argv, dir, env, limit, ownGroup);
  }

  /**
   * Runs the program in a process group of its own, so that a timeout stops everything it started,
   * also what its children left behind.
   */
  public Cmd inOwnProcessGroup() {
    return new Cmd(argv, dir, env, timeout, true);
  }

  public String program() {
    return argv.get(0);
  }
}
