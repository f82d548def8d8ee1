package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every `--json` shape the README documents is what the command prints, field for field: a field
 * renamed in a domain record or a view fails here. The engine is a stand-in docker CLI (as in
 * ComposeArgvTest), so every array has an element to compare.
 */
@HnTest
class JsonShapesTest {
  @TempDir Path tmp;

  /** The commands behind each documented shape, on a repository with worktree a. */
  static final Map<String, List<String>> COMMANDS =
      Map.ofEntries(
          Map.entry("hn list --json", List.of("list", "--json")),
          Map.entry("hn info --json", List.of("info", "a", "--json")),
          Map.entry("hn prune --json", List.of("prune", "--dry-run", "--json")),
          Map.entry("hn doctor --json", List.of("doctor", "--json")),
          Map.entry("hn ports list --json", List.of("ports", "list", "--json")),
          Map.entry("hn ports show --json", List.of("ports", "show", "a", "--json")),
          Map.entry("hn ports stats --json", List.of("ports", "stats", "--json")),
          Map.entry("hn networks list --json", List.of("networks", "list", "--json")),
          Map.entry("hn config show --json", List.of("config", "show", "--json")),
          Map.entry("hn state list --json", List.of("state", "list", "--json")),
          Map.entry("hn each --json", List.of("each", "--json", "--", "true")),
          Map.entry("hn snapshot list --json", List.of("snapshot", "list", "--json")),
          Map.entry("hn tags --json", List.of("tags", "--json")),
          Map.entry("hn templates --json", List.of("templates", "--json")),
          Map.entry("hn templates show --json", List.of("templates", "show", "seed", "--json")),
          Map.entry("hn workspace list --json", List.of("workspace", "list", "--json")),
          Map.entry("hn workspace diff --json", List.of("workspace", "diff", "w1", "w2", "--json")),
          Map.entry("hn ports allocate", List.of("ports", "allocate", "a", "cache:6379")),
          Map.entry("hn docker ps --json", List.of("docker", "ps", "--json")),
          Map.entry("hn docker health --json", List.of("docker", "health", "a", "--json")),
          Map.entry("hn docker prune --json", List.of("docker", "prune", "--dry-run", "--json")),
          Map.entry("hn docker volumes --json", List.of("docker", "volumes", "--json")),
          Map.entry(
              "hn docker volumes snapshot list <wt> --json",
              List.of("docker", "volumes", "snapshot", "list", "a", "--json")),
          Map.entry("hn proxy status --json", List.of("proxy", "status", "--json")),
          Map.entry("hn proxy routes --json", List.of("proxy", "routes", "--json")));

  @AfterEach
  void forgetFakeDocker() {
    System.clearProperty("hn.docker");
  }

  @Test
  void everyDocumentedShapeIsWhatTheCommandPrints(QuarkusMainLauncher hn) throws Exception {
    Map<String, Shape> documented = documentedShapes();
    assertEquals(new TreeSet<>(COMMANDS.keySet()), new TreeSet<>(documented.keySet()));

    GitRepo repo = GitRepo.create(tmp);
    Path fakeDocker = tmp.resolve("fake-docker");
    Files.writeString(
        fakeDocker, ComposeArgvTest.fakeDockerScript(tmp.resolve("docker.log"), repo.hash()));
    Files.setPosixFilePermissions(fakeDocker, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.setProperty("hn.docker", fakeDocker.toString());
    repo.write(
        "compose.yml",
        "services:\n  web:\n    image: x\n    ports: ['8080:80']\n"
            + "networks:\n  back:\n    ipam:\n      config: [{subnet: 172.28.0.0/16}]\n");
    repo.write(
        ".hannahanna.yml",
        "docker:\n  enabled: true\n  project_name: \"{{repo_name}}-{{worktree_name}}\"\n"
            + "  healthcheck:\n    services: [web]\n");
    repo.write(".hn-templates/seed/seed.txt", "for {{worktree_name}}\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "compose");
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "a"));
    assertOk(hn.launch("-C", root, "add", "gone", "--no-docker"));
    Files.writeString(repo.worktree("a").resolve("wip.txt"), "work in progress\n");
    assertOk(hn.launch("-C", root, "snapshot", "create", "a", "wip"));
    assertOk(hn.launch("-C", root, "workspace", "save", "w1"));
    assertOk(hn.launch("-C", root, "tag", "a", "x"));
    assertOk(hn.launch("-C", root, "workspace", "save", "w2"));
    io.hannahanna.hn.worktree.Worktrees.deleteTree(repo.worktree("gone"));
    int webPort =
        new ObjectMapper()
            .readTree(hn.launch("-C", root, "ports", "show", "a", "--json").getOutput())
            .get("allocations")
            .get(0)
            .get("hostPort")
            .asInt();
    Files.writeString(
        tmp.resolve("running.txt"), root + "\ta\tweb\t0.0.0.0:" + webPort + "->80/tcp\n");

    List<String> mismatches = new ArrayList<>();
    for (var entry : COMMANDS.entrySet()) {
      List<String> argv = new ArrayList<>(List.of("-C", root));
      argv.addAll(entry.getValue());
      LaunchResult result = hn.launch(argv.toArray(String[]::new));
      JsonNode actual = new ObjectMapper().readTree(result.getOutput());
      documented.get(entry.getKey()).compare(entry.getKey(), actual, mismatches);
    }
    if (!mismatches.isEmpty()) {
      fail("JSON shapes differ from the README:\n" + String.join("\n", mismatches));
    }
  }

  /** The README's "`--json` shapes" list: command -> shape. */
  static Map<String, Shape> documentedShapes() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = Pattern.compile("(?m)^- `(hn [^`]+)`: `(\\{[^`]+\\})`").matcher(readme);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    while (m.find()) {
      shapes.put(m.group(1), new Parser(m.group(2)).value());
    }
    assertTrue(shapes.size() > 5, "the README lists the JSON shapes");
    return shapes;
  }

  /** A documented shape: an object's fields (each with its shape), an array's element, a leaf. */
  record Shape(Map<String, Shape> fields, Shape element) {
    static final Shape LEAF = new Shape(null, null);

    void compare(String where, JsonNode actual, List<String> mismatches) {
      if (actual == null || actual.isNull()) {
        return; // a value that may be null (a worktree without Docker): its siblings are compared
      }
      if (fields != null) {
        TreeSet<String> names = new TreeSet<>();
        actual.fieldNames().forEachRemaining(names::add);
        if (!names.equals(new TreeSet<>(fields.keySet()))) {
          mismatches.add(
              where + ": README " + new TreeSet<>(fields.keySet()) + ", prints " + names);
          return;
        }
        fields.forEach((k, s) -> s.compare(where + "." + k, actual.get(k), mismatches));
      } else if (element != null) {
        if (actual.isArray() && actual.size() > 0) {
          for (int i = 0; i < actual.size(); i++) {
            element.compare(where + "[" + i + "]", actual.get(i), mismatches);
          }
        } else if (element.fields != null) {
          mismatches.add(where + ": no element to compare (" + actual + ")");
        }
      }
    }
  }

  /** `{"a", "b": [{"c"}], "d": bool}`: quoted names, with a nested shape after a colon. */
  static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    Shape value() {
      skip();
      char c = text.charAt(at);
      if (c == '{') {
        at++;
        Map<String, Shape> fields = new LinkedHashMap<>();
        while (true) {
          skip();
          if (text.charAt(at) == '}') {
            at++;
            return new Shape(fields, null);
          }
          int end = text.indexOf('"', at + 1);
          String name = text.substring(at + 1, end);
          at = end + 1;
          skip();
          Shape shape = Shape.LEAF;
          if (text.charAt(at) == ':') {
            at++;
            shape = value();
            skip();
          }
          fields.put(name, shape);
          if (text.charAt(at) == ',') {
            at++;
          }
        }
      }
      if (c == '[') {
        at++;
        Shape element = value();
        skip();
        at++; // ]
        return new Shape(null, element);
      }
      while (at < text.length() && ",}]".indexOf(text.charAt(at)) < 0) {
        at++; // a word such as bool, names or ...
      }
      return Shape.LEAF;
    }

    private void skip() {
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
    }
  }
}
