package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import of the older YAML registry: valid, duplicate, invalid, empty and garbage files. */
@HnTest
class LegacyImportTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  private Path legacy(String stateDir, String yaml) throws Exception {
    Path file = repo.root().resolve(stateDir).resolve("port-registry.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return file;
  }

  private Map<String, Integer> ports(QuarkusMainLauncher hn) throws Exception {
    LaunchResult list = hn.launch("-C", root, "ports", "list", "--json");
    assertOk(list);
    Map<String, Integer> ports = new TreeMap<>();
    for (JsonNode a : json(list).get("allocations")) {
      ports.put(
          a.get("worktree").asText() + "/" + a.get("service").asText(), a.get("hostPort").asInt());
    }
    return ports;
  }

  private static List<Path> siblings(Path file, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(file.getParent())) {
      return files
          .filter(
              p -> p.getFileName().toString().startsWith(file.getFileName() + "." + suffix + "-"))
          .toList();
    }
  }

  @Test
  void validFileIsImportedOnceAndRenamed(QuarkusMainLauncher hn) throws Exception {
    String yaml =
        "version: 2\nallocations:\n  a:\n    web: 3100\n    db: 3101\n  b:\n    web: 3102\nnext_available:\n  web: 3103\n";
    Path file = legacy(".hn-state", yaml);
    LaunchResult first = hn.launch("-C", root, "ports", "list");
    assertOk(first);
    assertTrue(
        first.getErrorOutput().contains("Imported 3 port allocation(s)"), first.getErrorOutput());
    assertFalse(Files.exists(file));
    List<Path> imported = siblings(file, "imported");
    assertEquals(1, imported.size());
    assertEquals(yaml, Files.readString(imported.get(0)));
    assertEquals(Map.of("a/db", 3101, "a/web", 3100, "b/web", 3102), ports(hn));

    LaunchResult second = hn.launch("-C", root, "ports", "list");
    assertFalse(second.getErrorOutput().contains("Imported"), second.getErrorOutput());

    // An imported port learns its container port when hn asks for it, and stays the same.
    LaunchResult adopt = hn.launch("-C", root, "ports", "allocate", "a", "web:80");
    assertEquals(3100, json(adopt).get("allocations").get(0).get("hostPort").asInt());
    assertEquals(3, ports(hn).size());
  }

  @Test
  void theOlderStateFolderIsReadToo(QuarkusMainLauncher hn) throws Exception {
    legacy(".wt-state", "allocations:\n  old:\n    api: 4000\n");
    assertEquals(Map.of("old/api", 4000), ports(hn));
  }

  @Test
  void duplicateAndInvalidRowsAreReportedOneByOne(QuarkusMainLauncher hn) throws Exception {
    legacy(
        ".hn-state",
        "allocations:\n"
            + "  a:\n    web: 3100\n    db: abc\n    cache: 70000\n    zero: 0\n    half: 3100.5\n"
            + "  b:\n    web: 3100\n    api: 3200\n"
            + "  'bad name':\n    web: 3300\n"
            + "  c: just-a-string\n");
    LaunchResult result = hn.launch("-C", root, "ports", "list");
    assertOk(result);
    String err = result.getErrorOutput();
    assertTrue(err.contains("Imported 2 port allocation(s)"), err);
    assertTrue(err.contains("a/db: port 'abc' is not a number"), err);
    assertTrue(err.contains("a/cache: port 70000 is outside 1-65535"), err);
    assertTrue(err.contains("a/zero: port 0 is outside 1-65535"), err);
    assertTrue(err.contains("a/half: port '3100.5' is not a number"), err);
    assertTrue(err.contains("b/web: port 3100 is already held by a/web"), err);
    assertTrue(err.contains("bad name/web: Invalid worktree name"), err);
    assertTrue(err.contains("c: expected service: port entries"), err);
    assertEquals(Map.of("a/web", 3100, "b/api", 3200), ports(hn));
  }

  @Test
  void quotedPortsAreImportedAndKeysYamlReadsAsValuesAreReported(QuarkusMainLauncher hn)
      throws Exception {
    legacy(
        ".hn-state",
        "allocations:\n"
            + "  a:\n    web: \"3010\"\n    db: '3011'\n"
            + "  null:\n    web: 3020\n"
            + "  true:\n    web: 3021\n"
            + "  'yes':\n    web: 3022\n"
            + "  b:\n    ~: 3030\n");
    LaunchResult result = hn.launch("-C", root, "ports", "list");
    assertOk(result);
    String err = result.getErrorOutput();
    assertTrue(err.contains("Imported 3 port allocation(s)"), err);
    assertTrue(err.contains("key 'null' is read by YAML as null"), err);
    assertTrue(err.contains("key 'true' is read by YAML as a boolean"), err);
    assertTrue(err.contains("b/key 'null' is read by YAML as null"), err);
    assertEquals(Map.of("a/db", 3011, "a/web", 3010, "yes/web", 3022), ports(hn));
  }

  @Test
  void emptyFileImportsNothingAndIsRenamed(QuarkusMainLauncher hn) throws Exception {
    Path file = legacy(".hn-state", "");
    LaunchResult result = hn.launch("-C", root, "ports", "list");
    assertOk(result);
    assertTrue(result.getErrorOutput().contains("Imported 0"), result.getErrorOutput());
    assertEquals(1, siblings(file, "imported").size());
  }

  @Test
  void garbageIsMovedAsideAndHnGoesOn(QuarkusMainLauncher hn) throws Exception {
    for (String garbage :
        new String[] {
          "allocations: [unclosed\n  - x: {", "- just\n- a list\n", "allocations: 42\n"
        }) {
      Path file = legacy(".hn-state", garbage);
      LaunchResult result = hn.launch("-C", root, "ports", "list");
      assertOk(result);
      List<Path> aside = siblings(file, "corrupt");
      assertEquals(1, aside.size(), garbage);
      assertEquals(garbage, Files.readString(aside.get(0)));
      assertTrue(
          result.getErrorOutput().contains("moved to " + aside.get(0)), result.getErrorOutput());
      Files.delete(aside.get(0));
    }
    Path binary = repo.root().resolve(".hn-state/port-registry.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertOk(hn.launch("-C", root, "ports", "list"));
    assertEquals(1, siblings(binary, "corrupt").size());
  }
}
