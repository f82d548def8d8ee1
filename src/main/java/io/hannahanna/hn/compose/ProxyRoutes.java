package io.hannahanna.hn.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.Protocol;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which URL leads to which service. Each repository's hn writes the services its registry gave
 * ports to into a file of its own in the proxy's folder; the routes are the entries of all those
 * files whose container runs on the engine, labelled as hn's, and publishes that very port. So a
 * route only ever points at a port hn handed out for a stack that is up, whatever labels another
 * container carries.
 */
@Singleton
public class ProxyRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One published TCP port in `docker ps`'s Ports column: "0.0.0.0:8081->80/tcp". */
  private static final java.util.regex.Pattern PUBLISHED_TCP =
      java.util.regex.Pattern.compile(":(\\d+)->\\d+/tcp$");

  private final Workspace workspace;
  private final PortRegistry registry;
  private final Docker docker;
  private final ProxyFolder folder;

  public ProxyRoutes(
      Workspace workspace, PortRegistry registry, Docker docker, ProxyFolder folder) {
    this.workspace = workspace;
    this.registry = registry;
    this.docker = docker;
    this.folder = folder;
  }

  /** A service port hn allocated, as a repository's file records it. */
  public record Entry(
      String repository,
      String worktree,
      String service,
      int containerPort,
      int hostPort,
      boolean byDefault) {}

  /**
   * One URL host and where it leads.
   *
   * @param kind "default" (the worktree's), "service" (its first port) or "port" (a given one)
   */
  public record Route(
      String host,
      String kind,
      int hostPort,
      String repository,
      String worktree,
      String service,
      int containerPort) {}

  /** Writes this repository's entries from its registry (TCP ports only). */
  public void record() {
    Repo repo = workspace.repo();
    List<PortAllocation> tcp =
        registry.list().stream().filter(a -> a.protocol() == Protocol.TCP).toList();
    String configured = repo.config().docker().defaultService();
    List<Entry> entries = new ArrayList<>();
    tcp.stream()
        .collect(Collectors.groupingBy(PortAllocation::worktree, TreeMap::new, Collectors.toList()))
        .forEach(
            (worktree, ports) -> {
              Set<String> services =
                  ports.stream().map(PortAllocation::service).collect(Collectors.toSet());
              String byDefault =
                  configured != null && services.contains(configured)
                      ? configured
                      : services.size() == 1 ? services.iterator().next() : null;
              ports.stream()
                  .sorted(
                      Comparator.comparing(PortAllocation::service)
                          .thenComparing(PortAllocation::containerPort))
                  .forEach(
                      a ->
                          entries.add(
                              new Entry(
                                  repo.root().toString(),
                                  worktree,
                                  a.service(),
                                  a.containerPort(),
                                  a.hostPort(),
                                  a.service().equals(byDefault))));
            });
    try {
      folder.writeRoutes(repo.root(), JSON.writeValueAsString(entries));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every route of every repository whose stack is up, sorted by host. */
  public List<Route> routes() {
    Set<String> published = publishedByHn();
    List<Entry> live = new ArrayList<>();
    for (Entry entry : recorded()) {
      if (published.contains(
          key(entry.repository(), entry.worktree(), entry.service(), entry.hostPort()))) {
        live.add(entry);
      }
    }
    return hosts(live);
  }

  /** The hosts of live entries: per service, per container port, and per worktree's default. */
  static List<Route> hosts(List<Entry> live) {
    Map<String, String> repoNames = new LinkedHashMap<>();
    live.forEach(
        e -> repoNames.put(e.repository(), Path.of(e.repository()).getFileName().toString()));
    Map<String, String> repoLabels = ProxyNames.unique(repoNames);
    List<Route> routes = new ArrayList<>();
    live.stream()
        .collect(Collectors.groupingBy(Entry::repository, TreeMap::new, Collectors.toList()))
        .forEach(
            (repository, ofRepo) -> {
              Map<String, List<Entry>> byWorktree =
                  ofRepo.stream()
                      .collect(
                          Collectors.groupingBy(
                              Entry::worktree, TreeMap::new, Collectors.toList()));
              Map<String, String> worktreeLabels = ProxyNames.unique(byWorktree.keySet());
              byWorktree.forEach(
                  (worktree, ofWorktree) -> {
                    String base =
                        worktreeLabels.get(worktree)
                            + "."
                            + repoLabels.get(repository)
                            + ".localhost";
                    Map<String, List<Entry>> byService =
                        ofWorktree.stream()
                            .collect(
                                Collectors.groupingBy(
                                    Entry::service, TreeMap::new, Collectors.toList()));
                    Map<String, String> serviceLabels = ProxyNames.unique(byService.keySet());
                    byService.forEach(
                        (service, ports) -> {
                          List<Entry> sorted =
                              ports.stream()
                                  .sorted(Comparator.comparing(Entry::containerPort))
                                  .toList();
                          Entry first = sorted.get(0);
                          String host = serviceLabels.get(service) + "." + base;
                          routes.add(route(host, "service", first));
                          if (first.byDefault()) {
                            routes.add(route(base, "default", first));
                          }
                          sorted.forEach(
                              p -> routes.add(route(p.containerPort() + "." + host, "port", p)));
                        });
                  });
            });
    routes.sort(Comparator.comparing(Route::host));
    return routes;
  }

  private static Route route(String host, String kind, Entry e) {
    return new Route(
        host, kind, e.hostPort(), e.repository(), e.worktree(), e.service(), e.containerPort());
  }

  /** The entries of every repository's file; a file that is not hn's shape is skipped. */
  private List<Entry> recorded() {
    List<Entry> all = new ArrayList<>();
    for (String text : folder.routeFiles()) {
      try {
        for (Entry e : JSON.readValue(text, Entry[].class)) {
          if (e.hostPort() > 0
              && e.hostPort() <= 65535
              && e.repository() != null
              && e.worktree() != null
              && e.service() != null) {
            all.add(e);
          }
        }
      } catch (IOException e) {
        // not written by hn, or half-written by a killed one: its next run writes it again
      }
    }
    return all;
  }

  /** "repository\tworktree\tservice\thostPort" of every port a running hn container publishes. */
  private Set<String> publishedByHn() {
    String out =
        docker.run(
            "list containers",
            "ps",
            "--filter",
            "label=" + EffectiveCompose.LABEL_MANAGED + "=true",
            "--filter",
            "status=running",
            "--format",
            "{{.Label \""
                + EffectiveCompose.LABEL_REPOSITORY
                + "\"}}\t{{.Label \""
                + EffectiveCompose.LABEL_WORKTREE
                + "\"}}\t{{.Label \"com.docker.compose.service\"}}\t{{.Ports}}");
    Set<String> published = new java.util.HashSet<>();
    for (String line : out.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length != 4) {
        continue;
      }
      for (String mapping : f[3].split(",\\s*")) {
        // "0.0.0.0:8081->80/tcp"
        java.util.regex.Matcher m = PUBLISHED_TCP.matcher(mapping.strip());
        if (m.find()) {
          published.add(key(f[0], f[1], f[2], Integer.parseInt(m.group(1))));
        }
      }
    }
    return published;
  }

  private static String key(String repository, String worktree, String service, int hostPort) {
    return repository + "\t" + worktree + "\t" + service + "\t" + hostPort;
  }
}
