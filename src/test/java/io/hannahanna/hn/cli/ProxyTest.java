package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.ProxyImage;
import io.hannahanna.hn.support.Trusted;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worktrees' web services through the real proxy (Caddy), each on its own `*.localhost` URL:
 * HTTP, a WebSocket upgrade, cookies kept apart; routes follow the stacks; hostile names stay out
 * of the proxy's configuration.
 */
@HnTest
class ProxyTest {
  /** A CGI that sets a cookie when asked and says which container answered and what it got. */
  static final String CGI =
      """
      #!/bin/sh
      printf 'Content-Type: text/plain\\r\\n'
      [ -n "$QUERY_STRING" ] && printf 'Set-Cookie: who=%s; Path=/\\r\\n' "$QUERY_STRING"
      printf '\\r\\n'
      echo "host=$(hostname) cookie=$HTTP_COOKIE"
      """;

  /** Answers an upgrade request with 101, then echoes: what a WebSocket server does first. */
  static final String UPGRADE =
      """
      #!/bin/sh
      while read -r line; do [ "$line" = "$(printf '\\r')" ] && break; done
      printf 'HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n\\r\\n'
      exec cat
      """;

  static final String COMPOSE =
      """
      services:
        web.Site:
          image: hn-test-busybox:latest
          command: ["sh", "-c", "nc -ll -p 81 -e /www/upgrade & exec httpd -f -p 80 -h /www"]
          volumes: ["./www:/www:ro"]
          ports: ["80", "81"]
        db:
          image: hn-test-busybox:latest
          command: ["sleep", "100000"]
      """;

  @TempDir Path tmp;
  GitRepo repo;
  Path jar;

  @AfterEach
  void cleanEngine() {
    DockerEngine.docker("rm", "-f", "hn-proxy", "hn-test-impostor");
    if (repo != null) {
      DockerEngine.clean(repo.root());
    }
    DockerEngine.reset();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** curl, as a browser would go: *.localhost resolved to this machine, one cookie jar. */
  private String curl(String url) {
    GitRepo.Result result =
        GitRepo.exec(
            tmp, List.of("curl", "-sS", "-c", jar.toString(), "-b", jar.toString(), url), Map.of());
    return result.stdout().strip() + result.stderr().strip();
  }

  private String container(String worktree) {
    return DockerEngine.lines(
            "ps",
            "-q",
            "--filter",
            "label=io.hannahanna.hn.worktree=" + worktree,
            "--filter",
            "label=io.hannahanna.hn.repository=" + repo.root(),
            "--filter",
            "label=com.docker.compose.service=web.Site")
        .get(0);
  }

  @ComposeV2
  void eachWorktreeAnswersOnItsOwnUrlWithItsOwnCookies(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    String image = ProxyImage.require();
    int port = freePort();
    jar = tmp.resolve("cookies");
    // a folder name that would break a hand-written proxy configuration
    repo = GitRepo.create(tmp, "Shop\"},{\"x");
    repo.write("compose.yml", COMPOSE)
        .write("www/cgi-bin/c", CGI)
        .write("www/upgrade", UPGRADE)
        .write(
            ".hannahanna.yml",
            "docker:\n  enabled: true\n  default_service: web.Site\nproxy:\n  port: "
                + port
                + "\n  image: "
                + image
                + "\n");
    for (String script : List.of("www/cgi-bin/c", "www/upgrade")) {
      Files.setPosixFilePermissions(
          repo.root().resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "stack");
    Trusted.config(repo.root());
    String root = repo.root().toString();

    assertOk(hn.launch("-C", root, "add", "a", "--docker"));
    assertOk(hn.launch("-C", root, "add", "b", "--docker"));
    // no proxy: everything as before, and hn info says how to get URLs
    LaunchResult before = hn.launch("-C", root, "info", "a");
    assertTrue(before.getOutput().contains("'hn proxy start'"), before.getOutput());
    assertFalse(hn.launch("-C", root, "env", "a").getOutput().contains("WT_URL"));
    // a container of someone else's, labelled as a's, publishing a port hn did not hand out
    DockerEngine.docker(
        "run",
        "-d",
        "--name",
        "hn-test-impostor",
        "--label",
        "io.hannahanna.hn.managed=true",
        "--label",
        "io.hannahanna.hn.repository=" + repo.root(),
        "--label",
        "io.hannahanna.hn.worktree=evil",
        "--label",
        "com.docker.compose.service=web.Site",
        "-p",
        "127.0.0.1::80",
        DockerEngine.IMAGE,
        "sleep",
        "1000");

    // started after the stacks, the proxy routes them at once
    assertOk(hn.launch("-C", root, "proxy", "start"));
    String a = "http://web-site.a.shop-x.localhost:" + port;
    String b = "http://web-site.b.shop-x.localhost:" + port;

    // each URL reaches its own worktree; a cookie set by a is not sent to b
    assertEquals("host=" + container("a") + " cookie=", curl(a + "/cgi-bin/c?a"));
    assertEquals("host=" + container("b") + " cookie=", curl(b + "/cgi-bin/c"));
    assertEquals("host=" + container("a") + " cookie=who=a", curl(a + "/cgi-bin/c"));
    assertEquals(
        "host=" + container("a") + " cookie=",
        curl("http://a.shop-x.localhost:" + port + "/cgi-bin/c"),
        "the worktree's own URL leads to docker.default_service (another host: its own cookies)");

    // a WebSocket upgrade passes through, both ways
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET / HTTP/1.1\r\nHost: 81.web-site.a.shop-x.localhost:"
                  + port
                  + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertTrue(in.readLine().startsWith("HTTP/1.1 101"), "no 101 from the upgrade");
      while (!in.readLine().isEmpty()) {
        // response headers
      }
      out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals("ping", in.readLine());
    }

    // the URLs are where people look for them
    LaunchResult env = hn.launch("-C", root, "env", "a");
    assertTrue(env.getOutput().contains("WT_URL_WEB_SITE=" + a + "/"), env.getOutput());
    assertTrue(
        env.getOutput().contains("WT_URL=http://a.shop-x.localhost:" + port + "/"),
        env.getOutput());

    String url = "http://a.shop-x.localhost:" + port + "/";
    assertTrue(hn.launch("-C", root, "info", "a").getOutput().contains(url));
    assertTrue(
        hn.launch("-C", root, "list", "--json").getOutput().contains("\"url\" : \"" + url + "\""));
    assertTrue(hn.launch("-C", root, "docker", "ps", "a").getOutput().contains(url));

    // hostile names changed nothing but the labels: only hn's routes, each to a published port
    JsonNode caddy = caddyConfig();
    assertEquals(
        new TreeSet<>(List.of("admin", "apps")), names(caddy), "top-level keys of the config");
    JsonNode server = caddy.path("apps").path("http").path("servers");
    assertEquals(List.of("hn"), new ArrayList<>(names(server)));
    assertEquals(
        new TreeSet<>(
            List.of(
                "a.shop-x.localhost",
                "web-site.a.shop-x.localhost",
                "80.web-site.a.shop-x.localhost",
                "81.web-site.a.shop-x.localhost",
                "b.shop-x.localhost",
                "web-site.b.shop-x.localhost",
                "80.web-site.b.shop-x.localhost",
                "81.web-site.b.shop-x.localhost")),
        hosts(server.path("hn").path("routes")));
    assertTrue(
        caddy.path("admin").path("listen").asText().startsWith("unix/"),
        "the admin API is on a socket, not on a network interface");

    // routes follow the stacks
    assertOk(hn.launch("-C", root, "docker", "stop", "a"));
    assertTrue(curl(a + "/cgi-bin/c").startsWith("No worktree answers"), curl(a + "/cgi-bin/c"));
    assertOk(hn.launch("-C", root, "remove", "b", "--force"));
    assertTrue(curl(b + "/cgi-bin/c").startsWith("No worktree answers"));
    LaunchResult routes = hn.launch("-C", root, "proxy", "routes");
    assertEquals("", routes.getOutput().lines().skip(1).reduce("", String::concat));

    assertOk(hn.launch("-C", root, "proxy", "stop"));
    LaunchResult status = hn.launch("-C", root, "proxy", "status");
    assertNotEquals(0, status.exitCode());
  }

  @ComposeV2
  void aTakenPortIsOneLineNamingTheSetting(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    repo = GitRepo.create(tmp, "taken");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      repo.write(".hannahanna.yml", "proxy:\n  port: " + taken.getLocalPort() + "\n");
      repo.git("add", ".");
      repo.git("commit", "-q", "-m", "config");
      LaunchResult start = hn.launch("-C", repo.root().toString(), "proxy", "start");
      assertEquals(1, start.exitCode());
      assertEquals(1, start.getErrorOutput().strip().lines().count(), start.getErrorOutput());
      assertTrue(start.getErrorOutput().contains("set proxy.port"), start.getErrorOutput());
      assertEquals(List.of(), DockerEngine.lines("ps", "-aq", "--filter", "name=^hn-proxy$"));
    }
  }

  private JsonNode caddyConfig() throws Exception {
    Path file = Path.of(System.getenv("XDG_STATE_HOME"), "hn", "proxy", "caddy.json");
    return new ObjectMapper().readTree(Files.readString(file));
  }

  private static TreeSet<String> names(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static TreeSet<String> hosts(JsonNode routes) {
    TreeSet<String> hosts = new TreeSet<>();
    for (JsonNode route : routes) {
      for (JsonNode match : route.path("match")) {
        match.path("host").forEach(h -> hosts.add(h.asText()));
      }
      for (JsonNode handle : route.path("handle")) {
        for (JsonNode upstream : handle.path("upstreams")) {
          assertTrue(
              upstream.path("dial").asText().matches("127\\.0\\.0\\.1:\\d+"), upstream.toString());
        }
      }
    }
    return hosts;
  }
}
