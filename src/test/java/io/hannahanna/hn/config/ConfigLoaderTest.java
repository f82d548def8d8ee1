package io.hannahanna.hn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.config.HnConfig.PortRange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  final StringWriter warnings = new StringWriter();
  final ConfigLoader loader = new ConfigLoader(diagnostics());

  private Diagnostics diagnostics() {
    Diagnostics d = new Diagnostics(new Terminal());
    d.use(new PrintWriter(warnings));
    return d;
  }

  private HnConfig load(String yaml) throws Exception {
    Files.writeString(dir.resolve(".hannahanna.yml"), yaml);
    return loader.load(dir);
  }

  @Test
  void networksHaveAPoolOfSubnetsAndHostNetworkingIsLeftUnlessToldToPublish() throws Exception {
    HnConfig.Docker defaults = load("docker:\n  enabled: true\n").docker();
    assertEquals(
        List.of(Subnet.parse("10.160.0.0/11"), Subnet.parse("fd68:6e00::/40")),
        defaults.networkPool());
    assertEquals(HnConfig.HostNetwork.LEAVE, defaults.hostNetwork());

    HnConfig.Docker set =
        load("docker:\n  networks:\n    pool: 10.99.0.0/16\n  host_network: publish\n").docker();
    assertEquals(List.of(Subnet.parse("10.99.0.0/16")), set.networkPool());
    assertEquals(HnConfig.HostNetwork.PUBLISH, set.hostNetwork());
    assertEquals(
        List.of(Subnet.parse("10.99.0.0/16"), Subnet.parse("fd00:99::/48")),
        load("docker:\n  networks:\n    pool: [10.99.0.0/16, \"fd00:99::/48\"]\n")
            .docker()
            .networkPool());

    HnException bad =
        assertThrows(
            HnException.class, () -> load("docker:\n  networks:\n    pool: [10.99.0.1/16]\n"));
    assertTrue(bad.getMessage().contains(".hannahanna.yml:3:12"), bad.getMessage());
    assertTrue(bad.getMessage().contains("docker.networks.pool"), bad.getMessage());
    assertTrue(bad.getMessage().contains("10.99.0.0/16"), bad.getMessage());
    HnException mode =
        assertThrows(HnException.class, () -> load("docker:\n  host_network: bridge\n"));
    assertTrue(mode.getMessage().contains("leave or publish"), mode.getMessage());
  }

  @Test
  void seedNamesWhereNewWorktreesGetTheirDataFrom() throws Exception {
    assertEquals(null, load("docker:\n  enabled: true\n").docker().seed());
    HnConfig.Seed all = load("docker:\n  seed:\n    from: main\n").docker().seed();
    assertEquals(new HnConfig.Seed("main", List.of(), null), all);
    HnConfig.Seed some =
        load("docker:\n  seed: {from: staging, volumes: [db-data], image: alpine:3}\n")
            .docker()
            .seed();
    assertEquals(new HnConfig.Seed("staging", List.of("db-data"), "alpine:3"), some);
    HnException volume =
        assertThrows(
            HnException.class, () -> load("docker:\n  seed:\n    volumes: [\"db:/etc\"]\n"));
    assertTrue(volume.getMessage().contains(".hannahanna.yml:3:15"), volume.getMessage());
    assertTrue(volume.getMessage().contains("docker.seed.volumes"), volume.getMessage());
    HnException from =
        assertThrows(HnException.class, () -> load("docker:\n  seed: {from: \"../x\"}\n"));
    assertTrue(from.getMessage().contains("docker.seed.from"), from.getMessage());
  }

  @Test
  void aPortBaseOutsideTheRangeIsAWarningNamingBoth() throws Exception {
    load("docker:\n  ports:\n    range: 3000-3999\n    base:\n      web: 8080\n      db: 3500\n");
    String text = warnings.toString();
    assertTrue(
        text.contains(
            ":5:12: docker.ports.base.web 8080 is outside docker.ports.range" + " 3000-3999"),
        text);
    assertFalse(text.contains("base.db"), text);
  }

  @Test
  void hannahannaSpellingsWorkWithANoticeNamingHnsOwn() throws Exception {
    HnConfig config =
        load(
            "docker:\n  ports:\n    range: [4000, 4999]\n  healthcheck:\n    timeout: 30\n"
                + "    interval: 2\n");
    assertEquals(new PortRange(4000, 4999), config.docker().range());
    assertEquals(java.time.Duration.ofSeconds(30), config.docker().healthcheck().timeout());
    assertEquals(java.time.Duration.ofSeconds(2), config.docker().healthcheck().interval());
    String text = warnings.toString();
    assertTrue(
        text.contains(
            ":3:12: docker.ports.range [4000, 4999] is hannahanna's spelling;"
                + " hn's is 4000-4999."),
        text);
    assertTrue(
        text.contains(
            ":5:14: docker.healthcheck.timeout 30 is hannahanna's spelling;" + " hn's is 30s."),
        text);
    assertFalse(text.contains("warning"), "a notice, not a warning: " + text);
  }

  /** A config as hannahanna's own documentation and tests write it. */
  static final String HANNAHANNA =
      """
      shared_resources:
        - source: node_modules
          target: node_modules
          compatibility: package-lock.json
        - source: vendor
          target: vendor
          compatibility: composer.lock
      shared:
        copy:
          - .env.template -> .env
          - config/local.yml.example -> config/local.yml
      hooks:
        post_create: |
          echo "Setting up worktree..."
          npm install
        pre_remove: "npm run cleanup"
        timeout_seconds: 300
      docker:
        enabled: true
        strategy: "per-worktree"
        compose_file: "docker-compose.yml"
        ports:
          strategy: "auto-offset"
          base:
            app: 3000
            postgres: 5432
            redis: 6379
          range: [3000, 9999]
        shared:
          volumes: [postgres-data]
          networks: [app-net]
        isolated:
          volumes: [app-cache, logs]
        auto_start: true
        auto_stop_others: false
        env:
          DATABASE_URL: "postgres://localhost:{{port.postgres}}/myapp_{{worktree_name}}"
          PORT: "{{port.app}}"
        healthcheck:
          enabled: true
          timeout: "30s"
      """;

  @Test
  void aHannahannaConfigTakesEffectAsItIs() throws Exception {
    HnConfig config = load(HANNAHANNA);
    assertEquals(
        List.of(
            new HnConfig.SharedResource("node_modules", "node_modules", "package-lock.json"),
            new HnConfig.SharedResource("vendor", "vendor", "composer.lock")),
        config.sharedResources());
    assertEquals(
        List.of(".env.template -> .env", "config/local.yml.example -> config/local.yml"),
        config.sharedCopy());
    assertEquals(
        "echo \"Setting up worktree...\"\nnpm install\n", config.hooks().script("post_create"));
    assertEquals("npm run cleanup", config.hooks().script("pre_remove"));
    assertEquals(java.time.Duration.ofSeconds(300), config.hooks().timeout());
    HnConfig.Docker docker = config.docker();
    assertTrue(docker.enabled());
    assertTrue(docker.autoStart());
    assertEquals(List.of("docker-compose.yml"), docker.composeFiles());
    assertEquals(Map.of("app", 3000, "postgres", 5432, "redis", 6379), docker.portBases());
    assertEquals(new PortRange(3000, 9999), docker.range());
    assertEquals(List.of("postgres-data"), docker.sharedVolumes());
    assertEquals(List.of("app-net"), docker.sharedNetworks());
    assertEquals(List.of("app-cache", "logs"), docker.isolatedVolumes());
    assertEquals(
        Map.of(
            "DATABASE_URL",
            "postgres://localhost:{{port.postgres}}/myapp_{{worktree_name}}",
            "PORT",
            "{{port.app}}"),
        docker.env());
    assertTrue(docker.healthcheck().enabled());
    assertEquals(java.time.Duration.ofSeconds(30), docker.healthcheck().timeout());

    String notes = warnings.toString();
    assertFalse(notes.contains("unknown key"), notes);
    assertFalse(notes.contains("warning:"), "hannahanna's file is read without warnings: " + notes);
    for (String spelling :
        new String[] {
          "docker.strategy per-worktree is hannahanna's",
          "docker.ports.strategy auto-offset is hannahanna's",
          "docker.auto_stop_others false is hannahanna's",
          "hooks.timeout_seconds 300 is hannahanna's spelling; hn's is hooks.timeout: 300s",
          "docker.ports.range [3000, 9999] is hannahanna's spelling; hn's is 3000-9999"
        }) {
      assertTrue(notes.contains(spelling), spelling + " in " + notes);
    }
  }

  @Test
  void aNoteShowsOncePerContentOfTheFiles() throws Exception {
    ConfigLoader remembering =
        new ConfigLoader(
            diagnostics(),
            java.util.Optional.of(dir.resolve("config").toString()),
            java.util.Optional.of(dir.resolve("state").toString()));
    Files.writeString(dir.resolve(".hannahanna.yml"), "hooks:\n  timeout_seconds: 5\n");
    remembering.load(dir);
    remembering.load(dir);
    assertEquals(
        1, warnings.toString().split("timeout_seconds 5", -1).length - 1, warnings.toString());
    Files.writeString(dir.resolve(".hannahanna.yml"), "hooks:\n  timeout_seconds: 6\n");
    remembering.load(dir);
    assertTrue(warnings.toString().contains("timeout_seconds 6"), "a changed file notes again");
    assertEquals(
        java.time.Duration.ofSeconds(6),
        remembering.load(dir).hooks().timeout(),
        "and the value still takes effect");
  }

  @Test
  void hannahannasOtherStrategiesAreNotHnsAndSaySo() throws Exception {
    load("docker:\n  strategy: shared\n  auto_stop_others: true\n");
    String text = warnings.toString();
    assertTrue(text.contains("warning:") && text.contains("docker.strategy shared"), text);
    assertTrue(text.contains("docker.auto_stop_others true"), text);
  }

  @Test
  void aBrokenGlobInAHookConditionIsAConfigError() {
    HnException e =
        assertThrows(
            HnException.class,
            () ->
                load(
                    "hooks:\n  post_create:\n    - when: {branch: \"feature/[\"}\n      run: x\n"));
    assertTrue(
        e.getMessage().contains(":3:22: hooks.post_create.when.branch 'feature/['"),
        e.getMessage());
  }

  @Test
  void aRangeWithHugeNumbersIsAConfigError() {
    HnException e =
        assertThrows(
            HnException.class, () -> load("docker:\n  ports:\n    range: 3000-99999999999\n"));
    assertTrue(e.getMessage().contains("docker.ports.range must be a port range"), e.getMessage());
  }

  @Test
  void aHugeFileIsRefusedBeforeItIsParsed() throws Exception {
    String huge = "x: &a [" + "1, ".repeat(400_000) + "1]\n";
    long start = System.nanoTime();
    HnException e = assertThrows(HnException.class, () -> load(huge));
    assertTrue(e.getMessage().contains("up to 1 MiB"), e.getMessage());
    System.out.println("huge config refused in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  @Test
  void missingOrEmptyFileMeansDefaults() throws Exception {
    assertEquals(HnConfig.defaults(), loader.load(dir));
    assertEquals(HnConfig.defaults(), load(""));
    assertEquals(HnConfig.defaults(), load("# only a comment\n"));
  }

  @Test
  void readsEveryKnownKey() throws Exception {
    HnConfig config =
        load(
            """
            worktree_dir: ../wt
            hooks:
              post_create: make setup
              pre_remove: ~
            shared_resources:
              - source: node_modules
                target: deps
                compatibility: package-lock.json
              - source: vendor
            shared:
              copy: [".env -> .env"]
            docker:
              enabled: true
              auto_start: false
              compose_file: compose.dev.yml
              compose_command: docker-compose
              env:
                API_URL: "http://localhost:{{port.api}}"
              ports:
                range: 4000-4999
                base:
                  api: 4100
              project_name: "{{repo_name}}-{{worktree_name}}"
              isolated:
                volumes: [pgdata]
              shared:
                volumes: [cache]
                networks: [proxy]
              healthcheck:
                enabled: true
                timeout: 2m
                interval: 500ms
                services: [api]
                endpoints:
                  api: /health
                one_shot: [migrate]
            """);
    assertEquals("../wt", config.worktreeDir());
    assertEquals("make setup", config.hooks().script("post_create"));
    assertNull(config.hooks().script("pre_remove"));
    assertEquals(
        List.of(
            new HnConfig.SharedResource("node_modules", "deps", "package-lock.json"),
            new HnConfig.SharedResource("vendor", "vendor", null)),
        config.sharedResources());
    assertEquals(List.of(".env -> .env"), config.sharedCopy());
    assertTrue(config.docker().enabled());
    assertFalse(config.docker().autoStart());
    assertEquals(List.of("compose.dev.yml"), config.docker().composeFiles());
    assertEquals("docker-compose", config.docker().composeCommand());
    assertEquals(Map.of("API_URL", "http://localhost:{{port.api}}"), config.docker().env());
    assertEquals(new PortRange(4000, 4999), config.docker().range());
    assertEquals(Map.of("api", 4100), config.docker().portBases());
    assertEquals("{{repo_name}}-{{worktree_name}}", config.docker().projectName());
    assertEquals(List.of("pgdata"), config.docker().isolatedVolumes());
    assertEquals(List.of("cache"), config.docker().sharedVolumes());
    assertEquals(List.of("proxy"), config.docker().sharedNetworks());
    HnConfig.Healthcheck health = config.docker().healthcheck();
    assertTrue(health.enabled());
    assertEquals(java.time.Duration.ofMinutes(2), health.timeout());
    assertEquals(java.time.Duration.ofMillis(500), health.interval());
    assertEquals(List.of("api"), health.services());
    assertEquals(Map.of("api", "/health"), health.endpoints());
    assertEquals(List.of("migrate"), health.oneShot());
    assertEquals("", warnings.toString());
  }

  @Test
  void wrongTypesNameTheLineAndColumn() throws Exception {
    HnException list = assertThrows(HnException.class, () -> load("hooks: [a, b]\n"));
    assertTrue(
        list.getMessage()
            .endsWith(
                ".hannahanna.yml:1:8: hooks must be a mapping (key: value lines), not a list."),
        list.getMessage());
    HnException port =
        assertThrows(
            HnException.class, () -> load("docker:\n  ports:\n    base:\n      api: 70000\n"));
    assertTrue(
        port.getMessage().contains(":4:12: docker.ports.base.api must be a port number"),
        port.getMessage());
    HnException range =
        assertThrows(HnException.class, () -> load("docker:\n  ports:\n    range: 9-1\n"));
    assertTrue(
        range.getMessage().contains("docker.ports.range must be a port range"), range.getMessage());
    HnException source =
        assertThrows(HnException.class, () -> load("shared_resources:\n  - target: x\n"));
    assertTrue(
        source.getMessage().contains(":2:5: shared_resources entry needs a 'source'"),
        source.getMessage());
    HnException string = assertThrows(HnException.class, () -> load("worktree_dir: {a: b}\n"));
    assertTrue(
        string.getMessage().contains("worktree_dir must be a string, not a mapping"),
        string.getMessage());
    HnException duration =
        assertThrows(HnException.class, () -> load("docker:\n  healthcheck:\n    timeout: soon\n"));
    assertTrue(
        duration.getMessage().contains("docker.healthcheck.timeout must be a duration such as 30s"),
        duration.getMessage());
    assertEquals(
        java.time.Duration.ofHours(1),
        load("docker:\n  healthcheck:\n    timeout: 1h\n").docker().healthcheck().timeout());
    assertEquals(
        java.time.Duration.ofSeconds(5),
        load("docker:\n  healthcheck:\n    interval: 5s\n").docker().healthcheck().interval());
    HnException top = assertThrows(HnException.class, () -> load("- just\n- a list\n"));
    assertTrue(top.getMessage().contains("the top level must be a mapping"), top.getMessage());
  }

  @Test
  void yaml12BooleansOnly() {
    // YAML 1.2 (compose's dialect): 'yes' is a string, not a boolean.
    HnException e = assertThrows(HnException.class, () -> load("docker:\n  enabled: yes\n"));
    assertTrue(e.getMessage().contains("must be true or false, not 'yes'"), e.getMessage());
  }

  @Test
  void malformedYamlIsReportedWithPosition() {
    HnException e = assertThrows(HnException.class, () -> load("a: b\n  c: d\n"));
    assertTrue(
        e.getMessage().matches(".*\\.hannahanna\\.yml:2:\\d+: malformed YAML.*"), e.getMessage());
  }

  @Test
  void unknownKeysWarnWithTheirPath() throws Exception {
    load("docker:\n  ports:\n    rnage: 1-2\n");
    assertTrue(
        warnings.toString().contains(":3:12: unknown key 'docker.ports.rnage' is ignored."),
        warnings.toString());
  }

  @Test
  void aPortRangeWithPrivilegedPortsIsWarnedAbout() throws Exception {
    Files.writeString(dir.resolve(".hannahanna.yml"), "docker:\n  ports:\n    range: 1-2\n");
    assertEquals(new HnConfig.PortRange(1, 2), loader.load(dir).docker().range());
    assertTrue(
        warnings
            .toString()
            .contains(".hannahanna.yml:3:12: docker.ports.range 1-2 holds ports below 1024"),
        warnings.toString());
  }

  @Test
  void hannahannasSparseMappingIsTaken() throws Exception {
    assertEquals(
        List.of("services/api", "libs"),
        load("sparse:\n  enabled: true\n  paths: [services/api, libs]\n").sparse());
    assertTrue(
        warnings.toString().contains("sparse: {enabled, paths} is hannahanna's spelling"),
        warnings.toString());
    assertEquals(List.of(), load("sparse:\n  enabled: false\n  paths: [libs]\n").sparse());
    assertEquals(List.of("a"), load("sparse: [a]\n").sparse());
  }
}
