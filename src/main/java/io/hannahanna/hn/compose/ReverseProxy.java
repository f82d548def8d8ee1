package io.hannahanna.hn.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one reverse proxy (Caddy) that gives every worktree's services their own host names: a
 * container of hn's on the host's network, listening on the loopback address only, restarted with
 * the engine. Its admin API listens on a Unix socket in hn's folder, never on a network interface;
 * hn reloads its configuration through `docker exec` whenever a stack starts, stops or goes.
 */
@Singleton
public class ReverseProxy {
  static final String CONTAINER = "hn-proxy";
  static final String LABEL_PROXY = "io.hannahanna.hn.proxy";
  private static final String ADMIN = "unix/" + ProxyFolder.MOUNTED + "/admin.sock";
  private static final String CONFIG = ProxyFolder.MOUNTED + "/" + ProxyFolder.CONFIG;

  private final Workspace workspace;
  private final Docker docker;
  private final ProxyRoutes routes;
  private final ProxyFolder folder;
  private final RepositoryTrust trust;
  private final Diagnostics diagnostics;

  public ReverseProxy(
      Workspace workspace,
      Docker docker,
      ProxyRoutes routes,
      ProxyFolder folder,
      RepositoryTrust trust,
      Diagnostics diagnostics) {
    this.workspace = workspace;
    this.docker = docker;
    this.routes = routes;
    this.folder = folder;
    this.trust = trust;
    this.diagnostics = diagnostics;
  }

  /** The proxy container as the engine has it: running or not, its port and image. */
  public record Status(boolean running, int port, String image) {}

  /** The proxy's container, if there is one. */
  public Optional<Status> status() {
    return docker
        .run(
            "list containers",
            "ps",
            "-a",
            "--filter",
            "name=^" + CONTAINER + "$",
            "--filter",
            "label=" + LABEL_PROXY,
            "--format",
            "{{.State}}\t{{.Label \"" + LABEL_PROXY + "\"}}\t{{.Image}}")
        .lines()
        .map(l -> l.split("\t", -1))
        .filter(f -> f.length == 3 && f[1].matches("\\d{1,5}"))
        .map(f -> new Status(f[0].equals("running"), Integer.parseInt(f[1]), f[2]))
        .findFirst();
  }

  /** Starts the proxy (or, when it runs, brings its routes up to date); returns its status. */
  public Status start() {
    Optional<Status> existing = status();
    if (existing.isPresent() && existing.get().running()) {
      refresh();
      return existing.get();
    }
    if (existing.isPresent()) {
      docker.run("remove the stopped proxy", "rm", "-f", CONTAINER);
    }
    Repo repo = workspace.repo();
    int port = repo.config().proxy().port();
    requireFree(port);
    String image = trust.proxyImage(repo);
    routes.record();
    folder.writeConfig(config(port, routes.routes()));
    docker.run(
        "start the proxy from " + image,
        "run",
        "-d",
        "--name",
        CONTAINER,
        "--label",
        EffectiveCompose.LABEL_MANAGED + "=true",
        "--label",
        LABEL_PROXY + "=" + port,
        "--restart",
        "unless-stopped",
        "--network",
        "host",
        "-v",
        folder.root() + ":" + ProxyFolder.MOUNTED,
        "-e",
        "XDG_CONFIG_HOME=" + ProxyFolder.MOUNTED + "/home",
        "-e",
        "XDG_DATA_HOME=" + ProxyFolder.MOUNTED + "/home",
        image,
        "caddy",
        "run",
        "--config",
        CONFIG);
    awaitListening(port);
    return new Status(true, port, image);
  }

  /** Stops and removes the proxy; false when there was none. */
  public boolean stop() {
    if (status().isEmpty()) {
      return false;
    }
    docker.run("remove the proxy", "rm", "-f", CONTAINER);
    return true;
  }

  /**
   * Records this repository's routes and, when the proxy runs, gives it the new configuration. A
   * failure is a warning: the stacks themselves are fine.
   */
  public void refresh() {
    try {
      routes.record();
      Optional<Status> running = status().filter(Status::running);
      if (running.isPresent()
          && folder.writeConfig(config(running.get().port(), routes.routes()))) {
        docker.run(
            "reload the proxy",
            "exec",
            CONTAINER,
            "caddy",
            "reload",
            "--config",
            CONFIG,
            "--address",
            ADMIN);
      }
    } catch (HnException | java.io.UncheckedIOException e) {
      diagnostics.warn("the proxy's routes were not updated: " + e.getMessage());
    }
  }

  /** `http://<host>/`, with the port when it is not 80. */
  public static String url(String host, int port) {
    return "http://" + host + (port == 80 ? "" : ":" + port) + "/";
  }

  /** Caddy's JSON configuration: one route per host, and a 404 that says where to look. */
  static String config(int port, List<ProxyRoutes.Route> routes) {
    List<Object> handlers = new java.util.ArrayList<>();
    for (ProxyRoutes.Route route : routes) {
      handlers.add(
          Map.of(
              "match", List.of(Map.of("host", List.of(route.host()))),
              "handle",
                  List.of(
                      Map.of(
                          "handler",
                          "reverse_proxy",
                          // streamed responses (server-sent events) pass at once
                          "flush_interval",
                          -1,
                          "upstreams",
                          List.of(Map.of("dial", "127.0.0.1:" + route.hostPort())))),
              "terminal", true));
    }
    handlers.add(
        Map.of(
            "handle",
            List.of(
                Map.of(
                    "handler",
                    "static_response",
                    "status_code",
                    404,
                    "body",
                    "No worktree answers on this host; 'hn proxy routes' lists the URLs.\n"))));
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("listen", List.of("127.0.0.1:" + port));
    server.put("automatic_https", Map.of("disable", true));
    server.put("routes", handlers);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("admin", Map.of("listen", ADMIN));
    config.put("apps", Map.of("http", Map.of("servers", Map.of("hn", server))));
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new HnException(
          "Port "
              + port
              + " is taken (or needs root), so the proxy cannot listen there; set proxy.port to"
              + " a free one in your ~/.config/hn/config.yml.");
    }
  }

  /** Waits until the proxy answers; says why it did not (its log) after 15 s. */
  private void awaitListening(int port) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    String log = docker.run("read the proxy's log", "logs", "--tail", "5", CONTAINER);
    throw new HnException(
        "The proxy did not start listening on port "
            + port
            + ": "
            + log.strip().replace('\n', ' '));
  }
}
