package io.hannahanna.hn.bench;

import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import io.hannahanna.hn.support.MainWithVolume;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeding a worktree's volume from main's (about 1 GiB: one 800 MB file and 20,000 files of 10 kB)
 * beside a raw `docker run --rm -v src:/from -v dst:/to <image> cp -a /from/. /to/` of the same
 * data into a fresh volume. A benchmark, not a test: it asserts nothing and is not part of the
 * suite. Run it after a build:
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests && ./mvnw -q surefire:test -Dtest=SeedBenchmark
 * </pre>
 *
 * <p>hn's time is the copy as hn reports it ("seeded data from main: … in 3.1 s": helper container,
 * pause, copy, resume, helper removed), and, beside it, the whole `hn add` with its JVM start. Runs
 * alternate hn and raw; {@code bench.runs} (default 3) sets how many of each.
 */
class SeedBenchmark {
  static final Path HN = Path.of("target/hn").toAbsolutePath();
  private static final Pattern REPORTED =
      Pattern.compile("seeded data from main: .* in ([0-9.]+) s");

  @TempDir Path tmp;

  @Test
  void run() throws Exception {
    DockerEngine.use(DockerEngine.COMPOSE_V2);
    int runs = Integer.getInteger("bench.runs", 3);
    GitRepo repo = MainWithVolume.create(tmp, "seedbench");
    String compose = DockerEngine.COMPOSE_V2;
    try {
      MainWithVolume.compose(repo, compose, "up", "-d");
      MainWithVolume.compose(
          repo,
          compose,
          "exec",
          "-T",
          "db",
          "sh",
          "-c",
          "dd if=/dev/urandom of=/data/big bs=1M count=800 2>/dev/null && mkdir /data/small"
              + " && head -c 10000 /dev/urandom > /c && i=0 && while [ $i -lt 20000 ];"
              + " do cat /c > /data/small/$i; i=$((i+1)); done");
      String source = "seedbench_data";
      double[] hn = new double[runs];
      double[] hnWall = new double[runs];
      double[] raw = new double[runs];
      for (int i = 0; i < runs; i++) {
        settle(repo.root());
        long start = System.nanoTime();
        Result add = GitRepo.exec(repo.root(), List.of(HN.toString(), "add", "w" + i), Map.of());
        hnWall[i] = (System.nanoTime() - start) / 1e9;
        Matcher m = REPORTED.matcher(add.stderr());
        if (!m.find()) {
          throw new AssertionError("hn did not seed: " + add.stderr());
        }
        hn[i] = Double.parseDouble(m.group(1));
        String target = "seedbench-raw-" + i;
        DockerEngine.docker("volume", "create", target);
        settle(repo.root());
        start = System.nanoTime();
        DockerEngine.docker(
            "run",
            "--rm",
            "-v",
            source + ":/from",
            "-v",
            target + ":/to",
            DockerEngine.IMAGE,
            "cp",
            "-a",
            "/from/.",
            "/to/");
        raw[i] = (System.nanoTime() - start) / 1e9;
        DockerEngine.docker("volume", "rm", target);
        GitRepo.exec(repo.root(), List.of(HN.toString(), "remove", "w" + i, "--force"), Map.of());
        DockerEngine.clean(repo.root());
      }
      System.out.printf(
          "%nseeding ~1 GiB (800 MB + 20,000 x 10 kB), seconds, %d runs each%n", runs);
      System.out.println("| row | median | runs |");
      System.out.println("|---|---:|---|");
      row("hn's copy (as reported)", hn);
      row("raw docker run cp -a", raw);
      row("whole `hn add` (JVM, worktree, copy)", hnWall);
      System.out.printf("hn / raw (medians): %.2f (goal <= 1.2)%n", median(hn) / median(raw));
    } finally {
      MainWithVolume.compose(repo, compose, "down", "-v");
      DockerEngine.clean(repo.root());
      DockerEngine.reset();
    }
  }

  /**
   * Writes back what the previous copy (or removal) left in the page cache, so that no copy pays
   * for the one before it.
   */
  private static void settle(Path dir) {
    GitRepo.exec(dir, List.of("sync"), Map.of());
  }

  private static void row(String name, double[] values) {
    System.out.printf("| %s | %.2f | %s |%n", name, median(values), Arrays.toString(values));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
