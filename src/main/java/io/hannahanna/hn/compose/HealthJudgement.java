package io.hannahanna.hn.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.compose.HealthChecks.ServiceHealth;
import io.hannahanna.hn.compose.HealthChecks.Verdict;
import io.hannahanna.hn.config.HnConfig.Healthcheck;

/** How hn judges a service's health: a pure function of what the engine reports. */
final class HealthJudgement {
  private HealthJudgement() {}

  /** Asks a service's endpoint; the HTTP status, or -1 when nothing answered. */
  @FunctionalInterface
  interface Probe {
    int status(int port, String path);
  }

  /**
   * The verdict on one service from its container's state: missing or exited is failed (a one-shot
   * service that exited 0 is done), a container healthcheck decides where there is one, then the
   * endpoint (2xx/3xx), else running is healthy.
   */
  static ServiceHealth judge(
      String service, JsonNode state, Integer port, Healthcheck config, Probe probe) {
    if (state == null) {
      return new ServiceHealth(service, "missing", "", "no container", Verdict.FAILED);
    }
    String status = state.path("Status").asText();
    JsonNode health = state.path("Health");
    String healthStatus = health.path("Status").asText("");
    String lastOutput = "";
    if (health.path("Log").isArray() && health.path("Log").size() > 0) {
      lastOutput =
          health.path("Log").get(health.path("Log").size() - 1).path("Output").asText("").strip();
    }
    if (!status.equals("running")) {
      int exit = state.path("ExitCode").asInt();
      boolean done = config.oneShot().contains(service) && status.equals("exited") && exit == 0;
      return new ServiceHealth(
          service,
          status,
          healthStatus,
          "exit code " + exit,
          done
              ? Verdict.HEALTHY
              : status.equals("created") || status.equals("restarting")
                  ? Verdict.WAITING
                  : Verdict.FAILED);
    }
    if (!healthStatus.isEmpty()) {
      Verdict verdict =
          healthStatus.equals("healthy")
              ? Verdict.HEALTHY
              : healthStatus.equals("unhealthy") ? Verdict.FAILED : Verdict.WAITING;
      return new ServiceHealth(service, status, healthStatus, lastOutput, verdict);
    }
    String endpoint = config.endpoints().get(service);
    if (endpoint != null) {
      if (port == null) {
        return new ServiceHealth(
            service, status, "", "no published port to probe " + endpoint, Verdict.FAILED);
      }
      int code = probe.status(port, endpoint);
      return new ServiceHealth(
          service,
          status,
          "",
          "GET " + endpoint + " -> " + (code < 0 ? "no answer" : code),
          code >= 200 && code < 400 ? Verdict.HEALTHY : Verdict.WAITING);
    }
    return new ServiceHealth(service, status, "", "running", Verdict.HEALTHY);
  }
}
