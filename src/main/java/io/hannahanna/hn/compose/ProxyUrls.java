package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Workspace;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The URLs this repository's worktrees have through the proxy, for `hn env`, list, info and ps. */
@Singleton
public class ProxyUrls {
  private final Workspace workspace;
  private final ReverseProxy proxy;
  private final ProxyRoutes routes;

  public ProxyUrls(Workspace workspace, ReverseProxy proxy, ProxyRoutes routes) {
    this.workspace = workspace;
    this.proxy = proxy;
    this.routes = routes;
  }

  /**
   * A worktree's URLs through the proxy.
   *
   * @param proxyRunning whether the proxy runs (no URLs when it does not)
   * @param url its default service's, or null
   * @param services each service's (its first port)
   */
  public record Urls(boolean proxyRunning, String url, Map<String, String> services) {
    /** The URL to show for the worktree: its default service's, else its first service's. */
    public String main() {
      return url != null ? url : services.values().stream().findFirst().orElse(null);
    }

    /** `WT_URL` and `WT_URL_<SERVICE>`. */
    public Map<String, String> env() {
      Map<String, String> env = new LinkedHashMap<>();
      if (url != null) {
        env.put("WT_URL", url);
      }
      services.forEach((service, u) -> env.put(WorktreeVariables.variable("WT_URL_", service), u));
      return env;
    }
  }

  /** The worktree's URLs; none when the proxy does not run or the engine cannot be asked. */
  public Urls urls(String worktree) {
    return urlsByWorktree().getOrDefault(worktree, NONE);
  }

  private static final Urls NONE = new Urls(false, null, Map.of());

  /** The URLs of this repository's worktrees whose stacks are up (two engine calls for all). */
  public Map<String, Urls> urlsByWorktree() {
    Map<String, Urls> byWorktree = new java.util.TreeMap<>();
    try {
      Optional<ReverseProxy.Status> running = proxy.status().filter(ReverseProxy.Status::running);
      if (running.isEmpty()) {
        return byWorktree;
      }
      String repository = workspace.repo().root().toString();
      for (ProxyRoutes.Route route : routes.routes()) {
        if (!route.repository().equals(repository) || route.kind().equals("port")) {
          continue;
        }
        Urls urls =
            byWorktree.computeIfAbsent(
                route.worktree(), w -> new Urls(true, null, new java.util.TreeMap<>()));
        String u = ReverseProxy.url(route.host(), running.get().port());
        if (route.kind().equals("default")) {
          byWorktree.put(route.worktree(), new Urls(true, u, urls.services()));
        } else {
          urls.services().put(route.service(), u);
        }
      }
    } catch (HnException | java.io.UncheckedIOException e) {
      // no engine, no proxy: the ports still work
    }
    return byWorktree;
  }
}
