package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.compose.HealthChecks.Verdict;
import io.hannahanna.hn.config.HnConfig.Healthcheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health verdict on one service, from container states as `docker inspect` reports them. */
class HealthJudgementTest {
  static final Healthcheck CONFIG =
      new Healthcheck(
          true,
          Duration.ofSeconds(60),
          Duration.ofSeconds(1),
          List.of(),
          Map.of("web", "/health"),
          List.of("migrate"));

  static JsonNode state(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  static Verdict verdict(String service, String json, Integer port, int answer) throws Exception {
    return HealthJudgement.judge(
            service, json == null ? null : state(json), port, CONFIG, (p, path) -> answer)
        .verdict();
  }

  @Test
  void aMissingOrExitedContainerFailsUnlessItIsADoneOneShot() throws Exception {
    assertEquals(Verdict.FAILED, verdict("db", null, null, -1));
    assertEquals(
        Verdict.FAILED, verdict("db", "{\"Status\": \"exited\", \"ExitCode\": 0}", null, -1));
    assertEquals(
        Verdict.HEALTHY, verdict("migrate", "{\"Status\": \"exited\", \"ExitCode\": 0}", null, -1));
    assertEquals(
        Verdict.FAILED, verdict("migrate", "{\"Status\": \"exited\", \"ExitCode\": 1}", null, -1));
    assertEquals(Verdict.WAITING, verdict("db", "{\"Status\": \"created\"}", null, -1));
    assertEquals(Verdict.WAITING, verdict("db", "{\"Status\": \"restarting\"}", null, -1));
  }

  @Test
  void theContainersOwnHealthcheckDecidesWhereThereIsOne() throws Exception {
    String running =
        "{\"Status\": \"running\", \"Health\": {\"Status\": \"%s\", \"Log\": [{\"Output\": \"pg ok\\n\"}]}}";
    assertEquals(Verdict.HEALTHY, verdict("db", running.formatted("healthy"), null, -1));
    assertEquals(Verdict.WAITING, verdict("db", running.formatted("starting"), null, -1));
    assertEquals(Verdict.FAILED, verdict("db", running.formatted("unhealthy"), null, -1));
    assertEquals(
        "pg ok",
        HealthJudgement.judge("db", state(running.formatted("healthy")), null, CONFIG, (p, q) -> 0)
            .detail());
  }

  @Test
  void anEndpointIsHealthyOn2xxOr3xxAndWithoutPortFails() throws Exception {
    String running = "{\"Status\": \"running\"}";
    assertEquals(Verdict.HEALTHY, verdict("web", running, 8080, 200));
    assertEquals(Verdict.HEALTHY, verdict("web", running, 8080, 302));
    assertEquals(Verdict.WAITING, verdict("web", running, 8080, 503));
    assertEquals(Verdict.WAITING, verdict("web", running, 8080, -1));
    assertEquals(Verdict.FAILED, verdict("web", running, null, 200));
    assertEquals(Verdict.HEALTHY, verdict("cache", running, null, -1), "running is enough");
  }
}
