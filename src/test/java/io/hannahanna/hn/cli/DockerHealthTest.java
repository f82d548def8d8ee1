package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.ComposeV2;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** `--wait` and `hn docker health` on the real engine. */
@HnTest
class DockerHealthTest {
  @TempDir Path tmp;
  GitRepo repo;

  private String repository(String services, String healthcheck) {
    repo = GitRepo.create(tmp);
    repo.write("compose.yml", "services:\n" + services);
    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n  healthcheck:\n" + healthcheck);
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    return repo.root().toString();
  }

  @AfterEach
  void cleanEngine() {
    DockerEngine.reset();
    if (repo != null) {
      DockerEngine.clean(repo.root());
    }
  }

  @ComposeV2
  void waitReturnsOnceTheContainersHealthcheckPasses(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    String root =
        repository(
            "  slow:\n    image: hn-test-busybox:latest\n"
                + "    command: [\"sh\", \"-c\", \"sleep 1; mkdir -p /tmp; touch /tmp/ready; exec sleep 3600\"]\n"
                + "    healthcheck:\n      test: [\"CMD\", \"test\", \"-f\", \"/tmp/ready\"]\n      interval: 1s\n"
                + "  plain:\n    image: hn-test-busybox:latest\n    command: [\"sleep\", \"3600\"]\n"
                + "  once:\n    image: hn-test-busybox:latest\n    command: [\"true\"]\n",
            "    timeout: 60s\n    interval: 500ms\n    one_shot: [once]\n");
    assertOk(hn.launch("-C", root, "add", "a"));
    LaunchResult start = hn.launch("-C", root, "docker", "start", "a", "--wait");
    assertOk(start);
    // Progress lines are for terminals (TerminalIT); a script sees the outcome only.
    assertFalse(start.getErrorOutput().contains("slow: waiting"), start.getErrorOutput());
    assertTrue(
        start.getErrorOutput().contains("All services of 'a' are healthy."),
        start.getErrorOutput());

    JsonNode services =
        json(hn.launch("-C", root, "docker", "health", "a", "--json")).get("services");
    assertEquals(3, services.size());
    for (JsonNode s : services) {
      assertEquals("healthy", s.get("verdict").asText(), s.toString());
    }
    assertEquals(
        "healthy", services.get(2).get("health").asText(), "slow reports Docker's own status");
    assertTrue(hn.launch("-C", root, "docker", "health", "a").getOutput().contains("slow"));
  }

  @ComposeV2
  void aServiceThatExitsFailsTheWaitAtOnceWithAReport(String compose, QuarkusMainLauncher hn)
      throws Exception {
    DockerEngine.use(compose);
    String root =
        repository(
            "  crash:\n    image: hn-test-busybox:latest\n    command: [\"sh\", \"-c\", \"echo going down; exit 3\"]\n"
                + "  fine:\n    image: hn-test-busybox:latest\n    command: [\"sleep\", \"3600\"]\n"
                + "  sick:\n    image: hn-test-busybox:latest\n    command: [\"sleep\", \"3600\"]\n"
                + "    healthcheck:\n      test: [\"CMD\", \"false\"]\n      interval: 1s\n      retries: 1\n",
            "    enabled: true\n    timeout: 120s\n    interval: 500ms\n");
    long started = System.nanoTime();
    LaunchResult add = hn.launch("-C", root, "add", "a", "--docker");
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    assertEquals(1, add.exitCode());
    String err = add.getErrorOutput();
    assertTrue(err.contains("crash failed"), err);
    assertTrue(err.contains("crash: exited, failed (exit code 3)"), err);
    assertTrue(err.contains("going down"), "the failing service's last log lines: " + err);
    assertTrue(seconds < 100, "failed long before the 120 s timeout");

    // hn list at a glance: a partial stack, its unhealthy service counted; then a stopped one
    JsonNode docker = null;
    for (int i = 0; i < 40; i++) {
      docker = json(hn.launch("-C", root, "list", "--json")).get("worktrees").get(1).get("docker");
      if (docker.get("unhealthy").asInt() == 1) {
        break;
      }
      Thread.sleep(250);
    }
    assertEquals("partial", docker.get("state").asText(), docker.toString());
    assertEquals(2, docker.get("running").asInt(), docker.toString());
    assertEquals(3, docker.get("total").asInt(), docker.toString());
    assertEquals(1, docker.get("unhealthy").asInt(), docker.toString());
    assertTrue(
        hn.launch("-C", root, "list").getOutput().contains("docker: partial 2/3 ✗1"),
        hn.launch("-C", root, "list").getOutput());
    // hn each --docker-running: a (partly running), not b (no stack)
    assertOk(hn.launch("-C", root, "add", "b", "--no-docker"));
    LaunchResult each = hn.launch("-C", root, "each", "--docker-running", "--", "pwd");
    assertOk(each);
    assertTrue(each.getOutput().contains("[a] "), each.getOutput());
    assertFalse(each.getOutput().contains("[b] "), each.getOutput());
    assertOk(hn.launch("-C", root, "docker", "stop", "a"));
    assertTrue(
        hn.launch("-C", root, "list").getOutput().contains("docker: stopped 0/3"),
        hn.launch("-C", root, "list").getOutput());
  }

  @ComposeV2
  void anEndpointAnswering500KeepsWaitingUntilTheTimeout(String compose, QuarkusMainLauncher hn) {
    DockerEngine.use(compose);
    String cgi =
        "mkdir -p /www/cgi-bin && printf '#!/bin/sh\\\\necho Status: 500\\\\necho\\\\necho boom\\\\n' > /www/cgi-bin/health"
            + " && chmod +x /www/cgi-bin/health && exec httpd -f -p 80 -h /www";
    String root =
        repository(
            "  web:\n    image: hn-test-busybox:latest\n    command: [\"sh\", \"-c\", \""
                + cgi
                + "\"]\n    ports: [\"80\"]\n",
            "    timeout: 3s\n    interval: 500ms\n    endpoints:\n      web: /cgi-bin/health\n");
    assertOk(hn.launch("-C", root, "add", "a"));
    LaunchResult start = hn.launch("-C", root, "docker", "start", "a", "--wait");
    assertEquals(1, start.exitCode());
    String err = start.getErrorOutput();
    assertTrue(err.contains("web timed out after 3 s"), err);
    assertTrue(err.contains("GET /cgi-bin/health -> 500"), err);
  }
}
