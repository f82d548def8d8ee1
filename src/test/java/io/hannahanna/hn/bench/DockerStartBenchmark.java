package io.hannahanna.hn.bench;

import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `hn docker start` of a 5-service stack beside the `compose up -d` it runs, on the real engine,
 * with both compose variants; and what a TAB on a worktree name costs in bash. A benchmark, not a
 * test: it asserts nothing and is not part of the suite. Run it after a build:
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests && ./mvnw -q surefire:test -Dtest=DockerStartBenchmark
 * </pre>
 *
 * <p>Each timed start follows a stop of the same project (not timed), alternating hn and compose,
 * so both start the same stopped containers. {@code bench.runs} (default 11) sets the runs.
 */
class DockerStartBenchmark {
  static final Path HN = Path.of("target/hn").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void run() throws Exception {
    DockerEngine.require();
    int runs = Integer.getInteger("bench.runs", 11);
    System.out.printf("%nmedians of %d runs, milliseconds%n%n", runs);
    System.out.println("| row | hn | raw | hn / raw | goal |");
    System.out.println("|---|---:|---:|---:|---|");
    for (String compose : List.of(DockerEngine.COMPOSE_V2, DockerEngine.COMPOSE_V1)) {
      dockerStart(compose, runs);
    }
    completion(runs);
  }

  private void dockerStart(String compose, int runs) throws Exception {
    GitRepo repo =
        GitRepo.create(
            java.nio.file.Files.createDirectories(
                tmp.resolve(compose.equals(DockerEngine.COMPOSE_V2) ? "v2" : "v1")));
    StringBuilder services = new StringBuilder("services:\n");
    for (int i = 0; i < 5; i++) {
      services
          .append("  s")
          .append(i)
          .append(":\n    image: ")
          .append(DockerEngine.IMAGE)
          .append("\n    command: [sleep, '3600']\n    ports: ['")
          .append(8080 + i)
          .append(":80']\n");
    }
    repo.write("compose.yml", services.toString());
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n  auto_start: false\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "five services");
    Map<String, String> env = Map.of("HN_COMPOSE", compose);
    Path root = repo.root();
    try {
      must(GitRepo.exec(root, List.of(HN.toString(), "add", "w"), env));
      must(GitRepo.exec(root, List.of(HN.toString(), "docker", "start", "w"), env));
      List<String> project =
          GitRepo.exec(root, List.of(HN.toString(), "info", "w"), env)
              .stdout()
              .lines()
              .filter(l -> l.contains(" -p "))
              .findFirst()
              .map(l -> l.substring(l.indexOf(compose)).strip())
              .map(l -> List.of(l.split(" ")))
              .orElseThrow();
      long[] hn = new long[runs];
      long[] raw = new long[runs];
      for (int i = 0; i < runs; i++) {
        // sleep as PID 1 ignores SIGTERM: stop without the 10 s grace period
        must(GitRepo.exec(root, concat(project, "stop", "-t", "0"), Map.of()));
        hn[i] = timed(root, List.of(HN.toString(), "docker", "start", "w"), env);
        must(GitRepo.exec(root, concat(project, "stop", "-t", "0"), Map.of()));
        raw[i] = timed(root, concat(project, "up", "-d"), Map.of());
      }
      long h = median(hn);
      long r = median(raw);
      System.out.printf(
          "| hn docker start, 5 services (%s) | %d | %d (compose up -d) | %.2f× | ≤ 1.1× |%n",
          compose, h, r, (double) h / r);
    } finally {
      GitRepo.exec(root, List.of(HN.toString(), "remove", "--force", "w"), env);
      DockerEngine.clean(root);
    }
  }

  /** A TAB after `hn switch ` in bash: the completion function alone, less bash's own start. */
  private void completion(int runs) throws Exception {
    GitRepo repo = GitRepo.create(tmp.resolve("tab"));
    must(GitRepo.exec(repo.root(), List.of(HN.toString(), "add", "feat"), Map.of()));
    String script =
        GitRepo.exec(repo.root(), List.of(HN.toString(), "completion", "bash"), Map.of()).stdout();
    Path file = java.nio.file.Files.writeString(tmp.resolve("hn.bash"), script);
    String tab =
        "source "
            + file
            + "; COMP_WORDS=(hn switch f); COMP_CWORD=2; _hn_with_worktrees;"
            + " [ \"${COMPREPLY[0]}\" = feat ]";
    long[] withTab = new long[runs];
    long[] sourced = new long[runs];
    for (int i = 0; i < runs; i++) {
      withTab[i] = timed(repo.root(), List.of("bash", "-c", tab), Map.of());
      sourced[i] = timed(repo.root(), List.of("bash", "-c", "source " + file), Map.of());
    }
    long t = median(withTab);
    long s = median(sourced);
    System.out.printf(
        "| TAB on a worktree name (bash, no JVM) | %d | %d (sourcing the script) | +%d ms | ≤ 50 ms |%n",
        t, s, t - s);
  }

  private static long timed(Path dir, List<String> argv, Map<String, String> env) {
    long start = System.nanoTime();
    must(GitRepo.exec(dir, argv, env));
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void must(Result result) {
    if (result.exit() != 0) {
      throw new IllegalStateException(result.stderr());
    }
  }

  private static long median(long[] times) {
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
