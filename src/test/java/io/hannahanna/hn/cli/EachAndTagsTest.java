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
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hn each runs a command in every worktree; tags (in the registry) pick some of them. */
@HnTest
class EachAndTagsTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  private LaunchResult hn(QuarkusMainLauncher hn, String... args) {
    return WorktreeAcceptanceTest.in(hn, root, args);
  }

  private static Map<String, Integer> exitCodes(JsonNode results) {
    Map<String, Integer> codes = new TreeMap<>();
    results
        .get("results")
        .forEach(r -> codes.put(r.get("name").asText(), r.get("exitCode").asInt()));
    return codes;
  }

  @Test
  void eachRunsInEveryWorktreeWithItsVariablesAndPrefixedOutput(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn(hn, "add", "api"));
    assertOk(hn(hn, "add", "web"));
    LaunchResult each = hn(hn, "each", "--", "sh", "-c", "echo \"$WT_NAME at $(pwd)\"");
    assertOk(each);
    List<String> lines = each.getOutput().lines().toList();
    assertEquals(
        List.of("[api] api at " + repo.worktree("api"), "[web] web at " + repo.worktree("web")),
        lines);

    LaunchResult withMain = hn(hn, "each", "--include-main", "--", "pwd");
    assertTrue(withMain.getOutput().contains("[main] " + root), withMain.getOutput());

    LaunchResult filtered = hn(hn, "each", "--filter", "w*", "--", "pwd");
    assertEquals("[web] " + repo.worktree("web"), filtered.getOutput().strip());

    LaunchResult bad = hn(hn, "each", "--filter", "[", "--", "pwd");
    assertEquals(2, bad.exitCode(), "a usage error");
    assertTrue(bad.getErrorOutput().contains("--filter '['"), bad.getErrorOutput());
    assertFalse(bad.getErrorOutput().contains("bug"), bad.getErrorOutput());
  }

  @Test
  void noShellUnlessAskedForAndAMissingProgramIsOneFailure(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn(hn, "add", "api"));
    Path marker = tmp.resolve("pwned");
    LaunchResult literal = hn(hn, "each", "--", "echo", "$(touch " + marker + ")", ";", "id");
    assertOk(literal);
    assertEquals("[api] $(touch " + marker + ") ; id", literal.getOutput().strip());
    assertFalse(Files.exists(marker));

    LaunchResult missing = hn(hn, "each", "--json", "--", "no-such-program-hn");
    assertEquals(1, missing.exitCode());
    assertEquals(Map.of("api", 127), exitCodes(json(missing)));
    assertEquals(2, hn(hn, "each").exitCode(), "a command is required");
  }

  @Test
  void parallelRunsOverlapAndOneFailureFailsTheWhole(QuarkusMainLauncher hn) throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      names.add("w" + i);
      assertOk(hn(hn, "add", "w" + i));
    }
    Path times = Files.createDirectories(tmp.resolve("times"));
    String script =
        "date +%s%N > "
            + times
            + "/$WT_NAME.start; sleep 1; date +%s%N > "
            + times
            + "/$WT_NAME.end; test \"$WT_NAME\" != w3";
    LaunchResult each = hn(hn, "each", "--parallel=4", "--json", "--", "sh", "-c", script);
    assertEquals(1, each.exitCode(), each.getErrorOutput());
    Map<String, Integer> codes = exitCodes(json(each));
    assertEquals(8, codes.size());
    assertEquals(1, codes.get("w3"));
    codes.remove("w3");
    assertTrue(codes.values().stream().allMatch(c -> c == 0), codes.toString());

    int overlapping = 0;
    for (String a : names) {
      for (String b : names) {
        if (a.compareTo(b) < 0 && overlap(times, a, b)) {
          overlapping++;
        }
      }
    }
    assertTrue(overlapping >= 4, "runs overlapped in " + overlapping + " pairs");
  }

  private static boolean overlap(Path times, String a, String b) throws Exception {
    long startA = Long.parseLong(Files.readString(times.resolve(a + ".start")).strip());
    long endA = Long.parseLong(Files.readString(times.resolve(a + ".end")).strip());
    long startB = Long.parseLong(Files.readString(times.resolve(b + ".start")).strip());
    long endB = Long.parseLong(Files.readString(times.resolve(b + ".end")).strip());
    return startA < endB && startB < endA;
  }

  @Test
  void stopOnErrorStartsNothingAfterTheFirstFailure(QuarkusMainLauncher hn) throws Exception {
    for (String n : List.of("a", "b", "c")) {
      assertOk(hn(hn, "add", n));
    }
    LaunchResult each =
        hn(hn, "each", "--stop-on-error", "--json", "--", "sh", "-c", "test \"$WT_NAME\" != b");
    assertEquals(1, each.exitCode());
    JsonNode results = json(each).get("results");
    assertEquals(0, results.get(0).get("exitCode").asInt());
    assertEquals(1, results.get(1).get("exitCode").asInt());
    assertTrue(results.get(2).get("skipped").asBoolean(), results.toString());
  }

  @Test
  void tagsLiveInTheRegistryAndPickWorktrees(QuarkusMainLauncher hn) throws Exception {
    for (String n : List.of("api", "web", "docs")) {
      assertOk(hn(hn, "add", n));
    }
    assertOk(hn(hn, "tag", "api", "backend", "team-a"));
    assertOk(hn(hn, "tag", "web", "team-a"));
    assertOk(hn(hn, "tag", "web", "team-a"));
    assertEquals("api\nweb", hn(hn, "list", "--names", "--tag", "team-a").getOutput().strip());
    assertEquals("api", hn(hn, "list", "--names", "--tag", "backend").getOutput().strip());
    JsonNode list = json(hn(hn, "list", "--json", "--tag", "backend"));
    assertEquals("[\"backend\",\"team-a\"]", list.get("worktrees").get(0).get("tags").toString());

    LaunchResult each = hn(hn, "each", "--tag", "team-a", "--", "pwd");
    assertEquals(2, each.getOutput().lines().count(), each.getOutput());

    // hannahanna's hn tags [<worktree>]: every tag with its worktrees, or one worktree's tags
    assertEquals("backend  api\nteam-a   api, web", hn(hn, "tags").getOutput().strip());
    assertEquals("backend\nteam-a", hn(hn, "tags", "api").getOutput().strip());
    JsonNode tags = json(hn(hn, "tags", "--json"));
    assertEquals("team-a", tags.get("tags").get(1).get("tag").asText());
    assertEquals("[\"api\",\"web\"]", tags.get("tags").get(1).get("worktrees").toString());

    assertOk(hn(hn, "untag", "api", "team-a"));
    assertEquals("web", hn(hn, "list", "--names", "--tag", "team-a").getOutput().strip());
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + root + "/.hn-state/hn.db");
        var rs =
            c.createStatement()
                .executeQuery("SELECT worktree, tag FROM worktree_tags ORDER BY worktree, tag")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + ":" + rs.getString(2));
      }
      assertEquals(List.of("api:backend", "web:team-a"), rows);
    }

    assertOk(hn(hn, "remove", "web"));
    assertOk(hn(hn, "add", "web", "--branch", "web", "--no-branch"));
    assertEquals("", hn(hn, "list", "--names", "--tag", "team-a").getOutput().strip());

    for (String bad : List.of("-x", "a b", "", "x;y", "é")) {
      LaunchResult refused = hn(hn, "tag", "api", bad);
      assertTrue(refused.exitCode() != 0, bad);
    }
    assertEquals(1, hn(hn, "tag", "main", "x").exitCode(), "the main checkout has no row");
  }
}
