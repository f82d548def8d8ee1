package io.hannahanna.hn.bench;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.config.ConfigLoader;
import io.hannahanna.hn.ports.LegacyRegistryImport;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.PortRequest;
import io.hannahanna.hn.ports.Protocol;
import io.hannahanna.hn.ports.SystemPorts;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.support.GitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how the registry performs as it grows. A benchmark, not a test: it asserts nothing and is
 * not part of the test suite. Run it after a build:
 *
 * <pre>./mvnw -B -q package -DskipTests && ./mvnw -q surefire:test -Dtest=PortRegistryBenchmark
 * </pre>
 */
class PortRegistryBenchmark {
  @TempDir Path tmp;

  private PortRegistry registry(GitRepo repo) {
    Workspace workspace =
        new Workspace(
            new Git(new ProcessRunner()), new ConfigLoader(new Diagnostics(new Terminal())));
    workspace.startIn(repo.root());
    Database database = new Database(workspace, Optional.empty());
    return new PortRegistry(
        database,
        workspace,
        new SystemPorts(),
        new LegacyRegistryImport(database, new Diagnostics(new Terminal())));
  }

  private static List<PortRequest> requests(String prefix, int worktrees, String... services) {
    List<PortRequest> requests = new ArrayList<>();
    for (int i = 0; i < worktrees; i++) {
      for (String service : services) {
        requests.add(new PortRequest(prefix + i, service, 80, Protocol.TCP, 0));
      }
    }
    return requests;
  }

  @Test
  void run() throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    repo.write(".hannahanna.yml", "docker:\n  ports:\n    range: 10000-60000\n");
    PortRegistry registry = registry(repo);
    System.out.println(
        "\nhn port registry benchmark (in-process, real SQLite file, system port check on)");
    System.out.println("existing allocations | per single-allocation transaction: median / mean");
    int existing = 0;
    for (int target : new int[] {10, 1_000, 10_000}) {
      registry.allocate(requests("fill" + target + "-", target - existing, "web"));
      existing = target;
      registry.allocate(requests("warm", 20, "web"));
      registry.release("warm0");
      double[] ms = new double[200];
      for (int i = 0; i < ms.length; i++) {
        long start = System.nanoTime();
        registry.allocate(
            List.of(new PortRequest("single" + target + "-" + i, "web", 80, Protocol.TCP, 0)));
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(
          "%20d | %.3f ms / %.3f ms%n",
          target, ms[ms.length / 2], Arrays.stream(ms).average().orElse(0));
      for (int i = 0; i < ms.length; i++) {
        registry.release("single" + target + "-" + i);
      }
      for (int i = 1; i < 20; i++) {
        registry.release("warm" + i);
      }
    }

    GitRepo fresh = GitRepo.create(tmp, "fresh");
    fresh.write(".hannahanna.yml", "docker:\n  ports:\n    range: 10000-60000\n");
    PortRegistry batchRegistry = registry(fresh);
    batchRegistry.list();
    long start = System.nanoTime();
    batchRegistry.allocate(requests("wt", 1000, "web", "db", "cache"));
    System.out.printf(
        "batch of 1,000 worktrees x 3 services in one transaction: %.0f ms%n",
        (System.nanoTime() - start) / 1e6);

    Path hn = Path.of("target/hn").toAbsolutePath();
    if (Files.isExecutable(hn)) {
      double[] runs = new double[10];
      for (int i = 0; i < runs.length; i++) {
        long t = System.nanoTime();
        GitRepo.exec(repo.root(), List.of(hn.toString(), "ports", "list"), Map.of());
        runs[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(runs);
      System.out.printf(
          "'hn ports list' with %,d allocations, whole command (target/hn), median of 10: %.0f ms%n",
          registry.list().size(), runs[runs.length / 2]);
    }
  }
}
