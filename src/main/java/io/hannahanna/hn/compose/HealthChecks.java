package io.hannahanna.hn.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig.Healthcheck;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a worktree's services are up: the container's own healthcheck where the compose file has
 * one, an HTTP endpoint where configured, else running (and still running at the next look).
 */
@Singleton
public class HealthChecks {
  private final Workspace workspace;
  private final Docker docker;
  private final ComposeProjects projects;
  private final ServiceAccess services;
  private final PortRegistry registry;
  private final Diagnostics diagnostics;
  private final EngineTarget engine;

  public HealthChecks(
      Workspace workspace,
      Docker docker,
      ComposeProjects projects,
      ServiceAccess services,
      PortRegistry registry,
      Diagnostics diagnostics,
      EngineTarget engine) {
    this.engine = engine;
    this.workspace = workspace;
    this.docker = docker;
    this.projects = projects;
    this.services = services;
    this.registry = registry;
    this.diagnostics = diagnostics;
  }

  /**
   * One service's health.
   *
   * @param verdict healthy, waiting or failed
   */
  public record ServiceHealth(
      String service, String state, String health, String detail, Verdict verdict) {
    boolean failed() {
      return verdict == Verdict.FAILED;
    }

    boolean healthy() {
      return verdict == Verdict.HEALTHY;
    }
  }

  /** hn's judgement of a service: ready, not yet, or never going to be. */
  public enum Verdict {
    HEALTHY,
    WAITING,
    FAILED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private Healthcheck config() {
    return workspace.repo().config().docker().healthcheck();
  }

  /** One look at every checked service, without waiting. */
  public List<ServiceHealth> check(Worktree worktree) {
    docker.requireDaemon();
    String project = projects.project(worktree).name();
    Map<String, JsonNode> states = new LinkedHashMap<>();
    for (String line : docker.inspectProject(project)) {
      JsonNode container = read(line);
      states.put(
          container.path("Config").path("Labels").path("com.docker.compose.service").asText(),
          container.path("State"));
    }
    Map<String, Integer> ports = new HashMap<>();
    for (PortAllocation a : registry.show(worktree.name())) {
      ports.putIfAbsent(a.service(), a.hostPort());
    }
    List<String> services =
        config().services().isEmpty() ? new ArrayList<>(states.keySet()) : config().services();
    List<ServiceHealth> result = new ArrayList<>();
    for (String service : services.stream().sorted().toList()) {
      result.add(judge(service, states.get(service), ports.get(service)));
    }
    return result;
  }

  private ServiceHealth judge(String service, JsonNode state, Integer port) {
    return HealthJudgement.judge(service, state, port, config(), this::probe);
  }

  /** An endpoint's status, requested where the engine publishes the port. */
  private int probe(int port, String path) {
    String host = engine.remote() ? engine.host() : "127.0.0.1";
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path))
                  .toURL()
                  .openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      c.setInstanceFollowRedirects(false);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
  }

  /**
   * Waits until every checked service is healthy. A service that exits or reports unhealthy fails
   * the wait at once; running services without a check must still run at the next look.
   */
  public void await(Worktree worktree) {
    long deadline = System.nanoTime() + config().timeout().toNanos();
    Map<String, String> shown = new HashMap<>();
    Map<String, Integer> healthyLooks = new HashMap<>();
    diagnostics.progress("Waiting for the services of '" + worktree.name() + "'…");
    while (true) {
      List<ServiceHealth> now = check(worktree);
      boolean allHealthy = true;
      for (ServiceHealth h : now) {
        String line = h.verdict().id() + (h.detail().isEmpty() ? "" : " (" + h.detail() + ")");
        if (!line.equals(shown.put(h.service(), line))) {
          diagnostics.progress("  " + h.service() + ": " + line);
        }
        boolean plainRunning = h.health().isEmpty() && h.detail().equals("running");
        if (!h.healthy()) {
          healthyLooks.put(h.service(), 0);
        }
        int looks = h.healthy() ? healthyLooks.merge(h.service(), 1, Integer::sum) : 0;
        allHealthy &= h.healthy() && (!plainRunning || looks >= 2);
      }
      List<ServiceHealth> failed = now.stream().filter(ServiceHealth::failed).toList();
      if (!failed.isEmpty()) {
        throw new HnException(report(worktree, now, failed.get(0), "failed"));
      }
      if (allHealthy) {
        return;
      }
      if (System.nanoTime() > deadline) {
        ServiceHealth waiting =
            now.stream().filter(h -> !h.healthy()).findFirst().orElse(now.get(0));
        throw new HnException(
            report(
                worktree,
                now,
                waiting,
                "timed out after " + config().timeout().toSeconds() + " s"));
      }
      try {
        Thread.sleep(config().interval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HnException(
            "Interrupted while waiting for the services of '" + worktree.name() + "'.", e);
      }
    }
  }

  private String report(
      Worktree worktree, List<ServiceHealth> all, ServiceHealth culprit, String what) {
    StringBuilder text = new StringBuilder();
    text.append("The services of '")
        .append(worktree.name())
        .append("' are not healthy: ")
        .append(culprit.service())
        .append(' ')
        .append(what)
        .append('.');
    for (ServiceHealth h : all) {
      text.append("\n  ")
          .append(h.service())
          .append(": ")
          .append(h.state())
          .append(", ")
          .append(h.verdict().id());
      if (!h.detail().isEmpty()) {
        text.append(" (").append(h.detail()).append(')');
      }
    }
    String logs = services.lastLogLines(worktree, culprit.service(), 10);
    if (!logs.isBlank()) {
      text.append("\n  last log lines of ").append(culprit.service()).append(":\n");
      logs.lines().forEach(l -> text.append("    ").append(l).append('\n'));
    }
    return text.toString().stripTrailing();
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new HnException(
          "docker inspect printed something hn cannot read: " + e.getMessage(), e);
    }
  }
}
