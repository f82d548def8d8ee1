package io.hannahanna.hn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.DockerEngine;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty stacks at once, on the real engine: 20 worktrees of a 5-service app (healthchecks on two
 * services) created with `hn add wN --docker` by 4 parallel processes and removed the same way,
 * beside the same 20 compose projects brought up with a raw `compose up -d --wait` (and taken down
 * with `compose down`) by 4 parallel processes. A benchmark, not a test: it asserts nothing and is
 * not part of the suite. Run it after a build:
 *
 * <pre>
 * ./mvnw -B -q package -DskipTests &amp;&amp; ./mvnw -q surefire:test -Dtest=ScaleBenchmark
 * </pre>
 *
 * <p>Order: hn add (timed), then the checks (every container healthy or running, no host port
 * twice), then `compose down` of hn's projects (timed: raw down), `compose up -d --wait` of the
 * same projects from hn's generated files (timed: raw up), then hn remove (timed). Raw runs use
 * exactly the compose command and files hn ran, so both sides start the same containers.
 */
class ScaleBenchmark {
  static final Path HN = Path.of("target/hn").toAbsolutePath();
  static final int STACKS = 20;
  static final int PARALLEL = 4;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void run() throws Exception {
    DockerEngine.use(DockerEngine.COMPOSE_V2);
    GitRepo repo = GitRepo.create(tmp, "shop");
    repo.write("compose.yml", app());
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  healthcheck:\n    enabled: true\n    timeout: 2m\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "five services");
    Path root = repo.root();
    Map<String, String> env = Map.of("HN_COMPOSE", DockerEngine.COMPOSE_V2);
    try {
      Phase add = phase(i -> List.of(HN.toString(), "add", "w" + i, "--docker"), root, env);
      int containers = DockerEngine.lines("ps", "-q", "--filter", label(root)).size();
      List<String> unhealthy =
          DockerEngine.lines(
              "ps",
              "--filter",
              label(root),
              "--filter",
              "health=unhealthy",
              "--format",
              "{{.Names}}");
      List<String> starting =
          DockerEngine.lines(
              "ps",
              "--filter",
              label(root),
              "--filter",
              "health=starting",
              "--format",
              "{{.Names}}");
      int twice = portsHandedOutTwice(root);

      List<List<String>> projects = new ArrayList<>();
      for (int i = 0; i < STACKS; i++) {
        projects.add(composeCommand(root, "w" + i));
      }
      Phase down = phase(i -> with(projects.get(i), "down"), root, Map.of());
      Phase up = phase(i -> with(projects.get(i), "up", "-d", "--wait"), root, Map.of());
      Phase remove = phase(i -> List.of(HN.toString(), "remove", "--force", "w" + i), root, env);
      int left = DockerEngine.lines("ps", "-aq", "--filter", label(root)).size();

      System.out.printf(
          "%n%d stacks × 5 services, %d parallel processes, on %d cores (wall seconds)%n%n",
          STACKS, PARALLEL, Runtime.getRuntime().availableProcessors());
      System.out.println("| phase | hn | raw compose | hn / raw | failures (hn, raw) |");
      System.out.println("|---|---:|---:|---:|---|");
      row("create and start (hn add --docker / up -d --wait)", add, up);
      row("tear down (hn remove / down)", remove, down);
      row("both", add.plus(remove), up.plus(down));
      System.out.printf(
          "%nafter hn add: %d containers running (of %d), %d unhealthy, %d still starting;"
              + " host ports handed out twice: %d; containers left after hn remove: %d%n",
          containers, STACKS * 5, unhealthy.size(), starting.size(), twice, left);
      System.out.println("failures: " + add.errors + remove.errors + up.errors + down.errors);
    } finally {
      DockerEngine.clean(root);
      DockerEngine.reset();
    }
  }

  /** Five services, each publishing a port; db and web have healthchecks of their own. */
  private static String app() {
    String image = DockerEngine.IMAGE;
    return "services:\n"
        + "  db:\n    image: "
        + image
        + "\n    command: [sh, -c, 'mkdir -p /tmp; sleep 1; touch /tmp/ok; exec sleep 3600']\n"
        + "    ports: ['5432']\n"
        + "    healthcheck:\n      test: [CMD, test, -f, /tmp/ok]\n      interval: 1s\n"
        + "  web:\n    image: "
        + image
        + "\n    command: [sh, -c, 'mkdir -p /www; echo ok > /www/index.html; exec httpd -f -p 80 -h /www']\n"
        + "    ports: ['8080:80']\n"
        + "    healthcheck:\n"
        + "      test: [CMD, wget, -q, -O, /dev/null, 'http://127.0.0.1/index.html']\n"
        + "      interval: 1s\n"
        + "  api:\n    image: "
        + image
        + "\n    command: [sleep, '3600']\n    ports: ['3000']\n"
        + "  worker:\n    image: "
        + image
        + "\n    command: [sleep, '3600']\n    ports: ['9000']\n"
        + "  cache:\n    image: "
        + image
        + "\n    command: [sleep, '3600']\n    ports: ['6379']\n";
  }

  private record Phase(double seconds, List<String> errors) {
    Phase plus(Phase other) {
      List<String> all = new ArrayList<>(errors);
      all.addAll(other.errors);
      return new Phase(seconds + other.seconds, all);
    }
  }

  /** The 20 commands, run by 4 workers that each take the next one until none is left. */
  private static Phase phase(IntFunction<List<String>> command, Path dir, Map<String, String> env)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    ExecutorService workers = Executors.newFixedThreadPool(PARALLEL);
    long start = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < PARALLEL; w++) {
      running.add(
          workers.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < STACKS; ) {
                  Result r = GitRepo.exec(dir, command.apply(i), env);
                  if (r.exit() != 0) {
                    errors.add(i + ": " + r.stderr().strip());
                  }
                }
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    workers.shutdown();
    return new Phase((System.nanoTime() - start) / 1e9, errors);
  }

  private static void row(String name, Phase hn, Phase raw) {
    System.out.printf(
        "| %s | %.1f | %.1f | %.2f× | %d, %d |%n",
        name,
        hn.seconds,
        raw.seconds,
        hn.seconds / raw.seconds,
        hn.errors.size(),
        raw.errors.size());
  }

  private static int portsHandedOutTwice(Path root) throws Exception {
    JsonNode all =
        JSON.readTree(
            GitRepo.exec(root, List.of(HN.toString(), "ports", "list", "--json"), Map.of())
                .stdout());
    Set<Integer> seen = new HashSet<>();
    int twice = 0;
    for (JsonNode a : all.get("allocations")) {
      if (!seen.add(a.get("hostPort").asInt())) {
        twice++;
      }
    }
    return twice;
  }

  /** The compose command hn runs for the worktree: its -p project and -f generated file. */
  private static List<String> composeCommand(Path root, String worktree) throws Exception {
    JsonNode info =
        JSON.readTree(
            GitRepo.exec(root, List.of(HN.toString(), "info", worktree, "--json"), Map.of())
                .stdout());
    JsonNode command = info.get("docker").get("composeCommand");
    List<String> argv = new ArrayList<>();
    if (command.isArray()) {
      command.forEach(a -> argv.add(a.asText()));
    } else {
      argv.addAll(List.of(command.asText().split(" ")));
    }
    return argv;
  }

  private static List<String> with(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static String label(Path root) {
    return "label=io.hannahanna.hn.repository=" + root;
  }
}
