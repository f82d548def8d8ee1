package io.hannahanna.hn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import io.hannahanna.hn.support.McpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm `list` call to `hn mcp` with 10 worktrees (two with changes), through the official
 * TypeScript MCP client (the one McpIT uses), timed by the client from request to result. A
 * benchmark, not a test: it asserts nothing and is not part of the suite. Run it after a build:
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests &amp;&amp; ./mvnw -q surefire:test -Dtest=McpListBenchmark
 * </pre>
 *
 * <p>The first call is the cold one (classes loaded, caches filled) and is printed apart; {@code
 * bench.runs} (default 31) sets the warm calls.
 */
class McpListBenchmark {
  static final Path HN = Path.of("target/hn").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void run() throws Exception {
    int runs = Integer.getInteger("bench.runs", 31);
    Path client =
        Path.of(
            System.getenv()
                .getOrDefault(
                    "HN_MCP_CLIENT", System.getProperty("user.home") + "/.cache/hn-mcp-client"));
    GitRepo repo = GitRepo.create(tmp, "shop");
    for (int i = 0; i < 10; i++) {
      must(GitRepo.exec(repo.root(), List.of(HN.toString(), "add", "w" + i), Map.of()));
    }
    Path w0 = repo.root().resolveSibling("shop-worktrees").resolve("w0");
    Files.writeString(w0.resolve("new.txt"), "untracked\n");
    Files.writeString(w0.resolveSibling("w1").resolve("README.md"), "changed\n");

    StringBuilder calls = new StringBuilder("[");
    for (int i = 0; i <= runs; i++) {
      calls.append(i == 0 ? "" : ",").append("{\"tool\":\"list\"}");
    }
    Path file = Files.writeString(tmp.resolve("calls.json"), calls.append("]").toString());
    Result said = McpClient.converse(HN, client, repo.root(), file);
    must(said);
    ObjectMapper json = new ObjectMapper();
    List<Double> times = new ArrayList<>();
    for (String line : said.stdout().lines().skip(1).toList()) {
      JsonNode call = json.readTree(line);
      if (call.get("isError").asBoolean()) {
        throw new IllegalStateException(call.toString());
      }
      times.add(call.get("ms").asDouble());
    }
    double cold = times.remove(0);
    double[] warm = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "%nhn mcp, `list` with 10 worktrees: warm median %.1f ms (p90 %.1f ms, %d calls),"
            + " the first call %.1f ms; goal ≤ 50 ms%n",
        warm[warm.length / 2], warm[(int) (warm.length * 0.9)], warm.length, cold);
    System.out.println("all warm calls (ms): " + Arrays.toString(warm));
  }

  private static void must(Result result) {
    if (result.exit() != 0) {
      throw new IllegalStateException(result.stderr());
    }
  }
}
