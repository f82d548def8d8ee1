package io.hannahanna.hn.bench;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.ProfileLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Prints what a command costs from the shell: the packaged launcher (with its start-up cache and
 * without) beside {@link ReferenceCli}, a minimal plain-Java program making the same query, and `hn
 * add` beside the raw `git worktree add` it performs. A benchmark, not a test: it asserts nothing
 * and is not part of the test suite. Run it after a build, for one or more JDKs:
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests && ./mvnw -q surefire:test -Dtest=StartupBenchmark \
 *     -Dbench.jdks=/usr/lib/jvm/java-17-openjdk-amd64,/usr/lib/jvm/temurin-25-jdk-amd64
 * </pre>
 *
 * <p>Without {@code bench.jdks} it measures the JDK running Maven; {@code bench.runs} (default 11)
 * sets how many runs each median is taken over. Runs alternate between the programs compared, so a
 * busy moment on the machine hits both.
 */
class StartupBenchmark {
  static final Path HN = Path.of("target/hn").toAbsolutePath();
  static final int WORKTREES = 5;

  @TempDir Path tmp;

  @Test
  void run() throws Exception {
    int runs = Integer.getInteger("bench.runs", 11);
    String jdks = System.getProperty("bench.jdks", System.getProperty("java.home"));
    for (String jdk : jdks.split(",")) {
      measure(Path.of(jdk.strip()), runs);
    }
  }

  private void measure(Path jdk, int runs) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(jdk.getFileName()));
    GitRepo repo = GitRepo.create(dir);
    Path root = repo.root();
    Map<String, String> cached =
        Map.of("JAVA_HOME", jdk.toString(), "HN_CACHE_DIR", dir.resolve("cache").toString());
    Map<String, String> plain = Map.of("JAVA_HOME", jdk.toString(), "HN_CACHE_DIR", "off");
    long recording = run(root, cached, hn("--version"));
    for (int i = 0; i < WORKTREES; i++) {
      run(root, cached, hn("add", "wt" + i));
      run(root, cached, hn("ports", "allocate", "wt" + i, "web:80", "db:5432", "cache:6379"));
    }
    List<String> reference =
        List.of(
            jdk.resolve("bin/java").toString(),
            // The launcher's JVM options, less its start-up cache.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            "-cp",
            String.join(
                ":",
                location(ReferenceCli.class),
                location(CommandLine.class),
                location(org.sqlite.JDBC.class)),
            ReferenceCli.class.getName());

    System.out.printf(
        "%nJava %s (%s), medians of %d runs, milliseconds; recording the start-up cache took %d"
            + " ms once%n%n",
        runtimeVersion(jdk), jdk, runs, recording);
    System.out.println("| command | hn | hn, no cache | reference | hn / reference | goal |");
    System.out.println("|---|---:|---:|---:|---:|---|");
    for (String[] args :
        List.of(
            new String[] {"--version"}, new String[] {"ports", "list"}, new String[] {"list"})) {
      long[] medians =
          medians(
              runs,
              i -> run(root, cached, hn(args)),
              i -> run(root, plain, hn(args)),
              i -> run(root, Map.of(), concat(reference, args)));
      System.out.printf(
          "| hn %s | %d | %d | %d | %.2f× | ≤ 1.5× reference |%n",
          String.join(" ", args),
          medians[0],
          medians[1],
          medians[2],
          (double) medians[0] / medians[2]);
    }
    Path worktrees = repo.worktree("x").getParent();
    long[] add =
        medians(
            runs,
            i -> run(root, cached, hn("add", "bench" + i)),
            i -> run(root, plain, hn("add", "plain" + i)),
            i ->
                run(
                    root,
                    Map.of(),
                    List.of(
                        "git",
                        "worktree",
                        "add",
                        "-q",
                        "-b",
                        "raw" + i,
                        worktrees.resolve("raw" + i).toString())));
    System.out.printf(
        "| hn add (no Docker) | %d | %d | %d (git worktree add) | +%d ms | ≤ +300 ms |%n",
        add[0], add[1], add[2], add[0] - add[2]);
    profile(root, cached, runs);
  }

  /**
   * Where a command's start goes (HN_PROFILE, see StartupProfile), with the start-up cache:
   * milliseconds from starting the launcher until hn's main ran, until picocli ran the command,
   * until the JVM began to exit and until the process ended; and the classes the JVM loaded.
   */
  private static void profile(Path root, Map<String, String> cached, int runs) {
    Map<String, String> env = new HashMap<>(cached);
    env.put("HN_PROFILE", "1");
    System.out.printf(
        "%nStart-up profile (medians of %d, ms from starting the launcher)%n%n", runs);
    System.out.println("| command | main | call() | exit | process end | classes loaded |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (String[] args :
        List.of(
            new String[] {"--version"},
            new String[] {"ports", "list"},
            new String[] {"list"},
            new String[] {"add", "profiled"})) {
      long[][] samples = new long[5][runs];
      for (int i = 0; i < runs; i++) {
        String[] argv = args[0].equals("add") ? new String[] {"add", "profiled" + i} : args;
        long started = System.currentTimeMillis();
        String[] err = new String[1];
        long end = run(root, env, hn(argv), err);
        ProfileLine line =
            ProfileLine.find(err[0])
                .orElseThrow(() -> new IllegalStateException("no profile line: " + err[0]));
        samples[0][i] = line.main() - started;
        samples[1][i] = line.call() - started;
        samples[2][i] = line.exit() - started;
        samples[3][i] = end;
        samples[4][i] = line.classes();
      }
      for (long[] sample : samples) {
        Arrays.sort(sample);
      }
      System.out.printf(
          "| hn %s | %d | %d | %d | %d | %d |%n",
          String.join(" ", args).replace("profiled", "<name>"),
          samples[0][runs / 2],
          samples[1][runs / 2],
          samples[2][runs / 2],
          samples[3][runs / 2],
          samples[4][runs / 2]);
    }
  }

  /** Median wall-clock time of each program, running them in turn. */
  @SafeVarargs
  private static long[] medians(int runs, IntFunction<Long>... programs) {
    long[][] times = new long[programs.length][runs];
    for (int i = 0; i < runs; i++) {
      for (int p = 0; p < programs.length; p++) {
        times[p][i] = programs[p].apply(i);
      }
    }
    long[] medians = new long[programs.length];
    for (int p = 0; p < programs.length; p++) {
      Arrays.sort(times[p]);
      medians[p] = times[p][runs / 2];
    }
    return medians;
  }

  /** Runs a program to its end and returns the milliseconds it took; it must succeed. */
  private static long run(Path dir, Map<String, String> env, List<String> argv) {
    return run(dir, env, argv, new String[1]);
  }

  /** As {@link #run(Path, Map, List)}, keeping the program's stderr in {@code err[0]}. */
  private static long run(Path dir, Map<String, String> env, List<String> argv, String[] err) {
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(env);
    try {
      long start = System.nanoTime();
      Process process = builder.start();
      err[0] = new String(process.getErrorStream().readAllBytes());
      int exit = process.waitFor();
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (exit != 0) {
        throw new IllegalStateException(String.join(" ", argv) + " failed: " + err[0]);
      }
      return millis;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> hn(String... args) {
    return concat(List.of(HN.toString()), args);
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static String runtimeVersion(Path jdk) throws IOException {
    Properties release = new Properties();
    try (var in = Files.newInputStream(jdk.resolve("release"))) {
      release.load(in);
    }
    return release.getProperty("JAVA_RUNTIME_VERSION", "?").replace("\"", "");
  }
}
