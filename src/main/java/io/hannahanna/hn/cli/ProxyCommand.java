package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.ProxyRoutes;
import io.hannahanna.hn.compose.ReverseProxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Give every worktree's services their own URL through one shared reverse proxy.",
      "One Caddy container (proxy.image) on the loopback address, port proxy.port (default 80):",
      "  http://<service>.<worktree>.<repo>.localhost/        the service's first port",
      "  http://<port>.<service>.<worktree>.<repo>.localhost/ one of its container ports",
      "  http://<worktree>.<repo>.localhost/                  docker.default_service (or the",
      "                                                       only service with a port)",
      "*.localhost names reach this machine in browsers and curl, so nothing else needs setting",
      "up, and each worktree keeps its own cookies. Routes follow stacks as they start and stop."
    },
    footer = {
      "",
      "Examples:",
      "  hn proxy start",
      "  hn proxy routes",
      "  curl http://web.feat-x.shop.localhost/"
    })
public class ProxyCommand {
  private final ReverseProxy proxy;
  private final ProxyRoutes routes;

  @Mixin Output output;

  public ProxyCommand(ReverseProxy proxy, ProxyRoutes routes) {
    this.proxy = proxy;
    this.routes = routes;
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Start the proxy (restarted with the engine), or bring its routes up to date.",
        "A taken port is an error naming proxy.port."
      },
      footer = {"", "Example:", "  hn proxy start"})
  int start() {
    ReverseProxy.Status status = proxy.start();
    output.info(
        "hn: the proxy listens on 127.0.0.1:" + status.port() + " (" + status.image() + ").");
    return ExitCode.OK;
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop and remove the proxy; the stacks keep running on their ports.",
      footer = {"", "Example:", "  hn proxy stop"})
  int stop() {
    output.info(proxy.stop() ? "hn: the proxy is stopped." : "hn: no proxy was running.");
    return ExitCode.OK;
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Whether the proxy runs, on which port, from which image.",
        "JSON: {running, port, image}; exit code 1 when it does not run."
      },
      footer = {"", "Example:", "  hn proxy status --json"})
  int status(@Mixin JsonOutput json) {
    Optional<ReverseProxy.Status> status = proxy.status();
    ReverseProxy.Status shown = status.orElse(new ReverseProxy.Status(false, 0, ""));
    if (json.json()) {
      json.printJson(shown);
    } else if (shown.running()) {
      json.result("running on 127.0.0.1:" + shown.port() + " (" + shown.image() + ")");
    } else {
      json.result(
          status.isPresent()
              ? "stopped; 'hn proxy start' starts it"
              : "not started; 'hn proxy start' starts it");
    }
    return shown.running() ? ExitCode.OK : ExitCode.FAILURE;
  }

  @Command(
      name = "routes",
      mixinStandardHelpOptions = true,
      description = {
        "Every URL the proxy answers, and the worktree, service and port behind it.",
        "JSON: {\"routes\": [{url, host, kind, hostPort, repository, worktree, service,"
            + " containerPort}]}"
      },
      footer = {"", "Example:", "  hn proxy routes --json"})
  int routes(@Mixin JsonOutput json) {
    int port = proxy.status().map(ReverseProxy.Status::port).orElse(80);
    routes.record(); // this repository's, as its registry has them now
    List<ProxyRoutes.Route> all = routes.routes();
    if (json.json()) {
      json.printJson(Map.of("routes", all.stream().map(r -> RouteView.of(r, port)).toList()));
      return ExitCode.OK;
    }
    Table table = new Table().row("URL", "WORKTREE", "SERVICE", "PORT");
    all.forEach(
        r ->
            table.row(
                ReverseProxy.url(r.host(), port),
                r.worktree(),
                r.service(),
                r.containerPort() + " -> " + r.hostPort()));
    table.print(json.out());
    return ExitCode.OK;
  }

  /** The JSON shape of one route. */
  public record RouteView(
      String url,
      String host,
      String kind,
      int hostPort,
      String repository,
      String worktree,
      String service,
      int containerPort) {
    static RouteView of(ProxyRoutes.Route r, int port) {
      return new RouteView(
          ReverseProxy.url(r.host(), port),
          r.host(),
          r.kind(),
          r.hostPort(),
          r.repository(),
          r.worktree(),
          r.service(),
          r.containerPort());
    }
  }
}
