package io.hannahanna.hn.bench;

import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import io.hannahanna.hn.support.ProxyImage;
import io.hannahanna.hn.support.Trusted;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small static response (busybox httpd, 3 bytes) requested through `hn proxy` (Caddy) and
 * directly from the worktree's published port, alternating, each on a new connection as curl would.
 * A benchmark, not a test: it asserts nothing and is not part of the suite. Run it after a build:
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests && ./mvnw -q surefire:test -Dtest=ProxyLatencyBenchmark
 * </pre>
 *
 * {@code bench.requests} (default 500) sets the requests of each kind.
 */
class ProxyLatencyBenchmark {
  static final Path HN = Path.of("target/hn").toAbsolutePath();

  @TempDir Path tmp;

  @Test
  void run() throws Exception {
    DockerEngine.use(DockerEngine.COMPOSE_V2);
    String image = ProxyImage.require();
    int requests = Integer.getInteger("bench.requests", 500);
    int proxyPort;
    try (ServerSocket free = new ServerSocket(0)) {
      proxyPort = free.getLocalPort();
    }
    GitRepo repo = GitRepo.create(tmp, "latency");
    repo.write(
            "compose.yml",
            "services:\n  web:\n    image: "
                + DockerEngine.IMAGE
                + "\n    command: [sh, -c, 'mkdir -p /www && echo ok > /www/index.html"
                + " && exec httpd -f -p 80 -h /www']\n    ports: ['80']\n")
        .write(
            ".hannahanna.yml",
            "docker:\n  enabled: true\nproxy:\n  port: "
                + proxyPort
                + "\n  image: "
                + image
                + "\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "stack");
    Trusted.config(repo.root());
    try {
      hn(repo, "proxy", "start");
      hn(repo, "add", "a", "--docker");
      int direct =
          Integer.parseInt(
              hn(repo, "ports", "show", "a")
                  .lines()
                  .skip(1)
                  .findFirst()
                  .orElseThrow()
                  .strip()
                  .split("\\s+")[3]);
      String host = "web.a.latency.localhost";
      for (int i = 0; i < 50; i++) { // warm up both paths
        get(proxyPort, host);
        get(direct, "localhost");
      }
      double[] viaProxy = new double[requests];
      double[] straight = new double[requests];
      for (int i = 0; i < requests; i++) {
        viaProxy[i] = get(proxyPort, host);
        straight[i] = get(direct, "localhost");
      }
      System.out.printf("%nmedian latency of a 3-byte response, %d requests each, ms%n", requests);
      System.out.println("| path | median | p90 |");
      System.out.println("|---|---:|---:|");
      System.out.printf(
          "| through hn proxy (Caddy) | %.3f | %.3f |%n", pct(viaProxy, 50), pct(viaProxy, 90));
      System.out.printf(
          "| direct to the published port | %.3f | %.3f |%n", pct(straight, 50), pct(straight, 90));
      System.out.printf(
          "proxy - direct (medians): %+.3f ms (goal <= +1 ms)%n",
          pct(viaProxy, 50) - pct(straight, 50));
    } finally {
      GitRepo.exec(repo.root(), List.of(HN.toString(), "remove", "a", "--force"), Map.of());
      DockerEngine.docker("rm", "-f", "hn-proxy");
      DockerEngine.clean(repo.root());
      DockerEngine.reset();
    }
  }

  private static String hn(GitRepo repo, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of(HN.toString()));
    argv.addAll(List.of(args));
    Result result = GitRepo.exec(repo.root(), argv, Map.of());
    if (result.exit() != 0) {
      throw new AssertionError(String.join(" ", args) + ": " + result.stderr());
    }
    return result.stdout();
  }

  /** One GET on a new connection, read to its end; milliseconds. */
  private static double get(int port, String host) throws Exception {
    long start = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      if (!response.toString(StandardCharsets.US_ASCII).contains("200 OK")) {
        throw new AssertionError("no 200 from " + host + ":" + port + ": " + response);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double pct(double[] values, int percentile) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
  }
}
