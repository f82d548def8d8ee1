package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class EffectiveComposeTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void rewritesWhatWouldCollideAndLabelsEverything() throws Exception {
    ComposeModel model =
        ComposeModel.parse(
            """
        name: fixed-project
        services:
          web:
            image: nginx
            container_name: web
            ports: ["8080:80", "127.0.0.1:8443:443", "53:53/udp"]
            labels: ["team=web"]
            environment: ["KEEP=1"]
            volumes: ["data:/data", "./src:/src"]
          db:
            image: postgres
            labels: {tier: db}
        volumes:
          data: {}
          named: {name: fixed-name}
          cache: {}
          outside: {external: true}
        networks:
          back: {}
          fixed: {name: fixed-net}
        """,
            "compose.yml");
    Instant now = Instant.now();
    List<PortAllocation> allocations =
        List.of(
            new PortAllocation("/r", "feat", "web", 80, Protocol.TCP, 3000, now),
            new PortAllocation("/r", "feat", "web", 443, Protocol.TCP, 3001, now),
            new PortAllocation("/r", "feat", "web", 53, Protocol.UDP, 3000, now));
    EffectiveCompose.Context context =
        new EffectiveCompose.Context(
            "app-abc123-feat",
            "/r",
            "app-abc123",
            "feat",
            Map.of("VALUE", "a: b\n'\"c"),
            model.ports(),
            allocations,
            List.of("named"),
            List.of("cache"),
            List.of("shared-net"));
    String yaml = EffectiveCompose.dump(EffectiveCompose.generate(model.document(), context));
    Map<String, Object> doc = map(new Load(LoadSettings.builder().build()).loadFromString(yaml));

    assertFalse(doc.containsKey("name"));
    Map<String, Object> web = map(map(doc.get("services")).get("web"));
    assertEquals(List.of("3000:80/tcp", "127.0.0.1:3001:443/tcp", "3000:53/udp"), web.get("ports"));
    assertEquals("app-abc123-feat-web", web.get("container_name"));
    assertEquals(
        Map.of(
            "team",
            "web",
            EffectiveCompose.LABEL_MANAGED,
            "true",
            EffectiveCompose.LABEL_REPOSITORY,
            "/r",
            EffectiveCompose.LABEL_WORKTREE,
            "feat"),
        web.get("labels"));
    assertEquals(Map.of("KEEP", "1", "VALUE", "a: b\n'\"c"), web.get("environment"));
    assertEquals(List.of("data:/data", "./src:/src"), web.get("volumes"));
    Map<String, Object> db = map(map(doc.get("services")).get("db"));
    assertNull(db.get("ports"));
    assertEquals("db", map(db.get("labels")).get("tier"));

    Map<String, Object> volumes = map(doc.get("volumes"));
    assertEquals(
        "feat", map(map(volumes.get("data")).get("labels")).get(EffectiveCompose.LABEL_WORKTREE));
    assertEquals("app-abc123-feat_named", map(volumes.get("named")).get("name"));
    assertEquals(Map.of("external", true, "name", "app-abc123_cache"), volumes.get("cache"));
    assertEquals(Map.of("external", true), volumes.get("outside"));

    Map<String, Object> networks = map(doc.get("networks"));
    assertEquals(
        "/r",
        map(map(networks.get("default")).get("labels")).get(EffectiveCompose.LABEL_REPOSITORY));
    assertEquals(
        "feat", map(map(networks.get("back")).get("labels")).get(EffectiveCompose.LABEL_WORKTREE));
    assertEquals("app-abc123-feat_fixed", map(networks.get("fixed")).get("name"));
    assertEquals(Map.of("external", true, "name", "shared-net"), networks.get("shared-net"));
  }

  @Test
  void keysHnDoesNotKnowPassThroughUntouched() throws Exception {
    String services =
        """
        services:
          web:
            image: nginx
            develop:
              watch: [{action: sync, path: ./src, target: /src}]
            deploy:
              resources: {limits: {memory: 256M}}
            secrets: [token]
            configs: [{source: site, target: /etc/site.conf}]
            x-team: web
        """;
    String topLevel =
        """
        secrets:
          token: {file: ./token.txt}
        configs:
          site: {file: ./site.conf}
        x-release: {channel: beta}
        """;
    ComposeModel model = ComposeModel.parse(services + topLevel, "compose.yml");
    EffectiveCompose.Context context =
        new EffectiveCompose.Context(
            "p-feat",
            "/r",
            "p",
            "feat",
            Map.of(),
            model.ports(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Map<String, Object> generated =
        map(
            new Load(LoadSettings.builder().build())
                .loadFromString(
                    EffectiveCompose.dump(EffectiveCompose.generate(model.document(), context))));
    Map<String, Object> original =
        map(new Load(LoadSettings.builder().build()).loadFromString(services + topLevel));
    Map<String, Object> web = map(map(generated.get("services")).get("web"));
    Map<String, Object> webBefore = map(map(original.get("services")).get("web"));
    for (String key : List.of("develop", "deploy", "secrets", "configs", "x-team")) {
      assertEquals(webBefore.get(key), web.get(key), key);
    }
    for (String key : List.of("secrets", "configs", "x-release")) {
      assertEquals(original.get(key), generated.get(key), key);
    }
  }

  @Test
  void stringsYaml11WouldMisreadAreQuotedForComposeV1() {
    Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("restart", "no");
    doc.put("tty", "on");
    doc.put("ssh", "22:22");
    doc.put("count", "1_000");
    doc.put("image", "busybox");
    doc.put("real", true);
    String yaml = EffectiveCompose.dump(doc);
    assertEquals(
        "restart: \"no\"\ntty: \"on\"\nssh: \"22:22\"\ncount: \"1_000\"\nimage: busybox\nreal: true\n",
        yaml);
  }
}
