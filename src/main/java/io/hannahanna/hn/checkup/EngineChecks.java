package io.hannahanna.hn.checkup;

import io.hannahanna.hn.compose.EngineTarget;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.WorktreeStore;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * `hn doctor`'s look at each engine the repository's stacks are pinned to (docker.context, hn add
 * --context): is it reachable, and does its clock agree with this machine's.
 */
@Singleton
class EngineChecks {
  /** Beyond this, TLS, health-check timings and container logs' times go wrong. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final EngineTarget engine;
  private final WorktreeStore store;
  private final Workspace workspace;
  private final ProcessRunner runner;
  private final String program;

  EngineChecks(
      EngineTarget engine,
      WorktreeStore store,
      Workspace workspace,
      ProcessRunner runner,
      @ConfigProperty(name = "hn.docker", defaultValue = "docker") String program) {
    this.engine = engine;
    this.store = store;
    this.workspace = workspace;
    this.runner = runner;
    this.program = program;
  }

  List<Check> run() {
    Set<String> contexts = new TreeSet<>(store.dockerContexts(workspace.repo()).values());
    engine.select(null);
    if (engine.context() != null) {
      contexts.add(engine.context());
    }
    List<Check> checks = new ArrayList<>();
    contexts.forEach(context -> checks.add(check(context)));
    return checks;
  }

  private Check check(String context) {
    String name = "engine " + context;
    ProcessResult info =
        runner.run(
            Cmd.of(
                null,
                program,
                "--context",
                context,
                "info",
                "--format",
                "{{.ServerVersion}}\t{{.SystemTime}}"));
    if (!info.ok()) {
      return new Check(
          name,
          Check.Status.WARN,
          "not reachable: " + info.errorLine(),
          "start that engine, or see where docker context "
              + context
              + " points with 'docker"
              + " context inspect "
              + context
              + "'");
    }
    String[] fields = info.stdout().strip().split("\t", 2);
    Duration skew;
    try {
      skew = Duration.between(Instant.now(), OffsetDateTime.parse(fields[1]).toInstant());
    } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
      return new Check(name, Check.Status.OK, "server " + fields[0], "");
    }
    String detail = "server " + fields[0] + ", clock " + describe(skew);
    return skew.abs().compareTo(CLOCK_SKEW) > 0
        ? new Check(name, Check.Status.WARN, detail, "synchronise the clocks (NTP) on both hosts")
        : new Check(name, Check.Status.OK, detail, "");
  }

  private static String describe(Duration skew) {
    long seconds = Math.abs(skew.toSeconds());
    return seconds < 1
        ? "in step with this machine's"
        : seconds + " s " + (skew.isNegative() ? "behind" : "ahead of") + " this machine's";
  }
}
