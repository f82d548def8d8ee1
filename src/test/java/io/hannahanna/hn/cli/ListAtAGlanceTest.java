package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `hn list` at a glance on real repositories: staged, modified, untracked and conflicted files,
 * ahead of and behind the parent's branch, and the age of the last commit.
 */
@HnTest
class ListAtAGlanceTest {
  @TempDir Path tmp;

  private static JsonNode entry(JsonNode list, String name) {
    for (JsonNode w : list.get("worktrees")) {
      if (w.get("name").asText().equals(name)) {
        return w;
      }
    }
    throw new AssertionError("no " + name + " in " + list);
  }

  @Test
  void eachWorktreeShowsItsChangesItsDistanceToItsParentAndItsAge(QuarkusMainLauncher hn)
      throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    repo.write("shared.txt", "base\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "base");
    assertOk(hn.launch("-C", root, "add", "dirty"));
    assertOk(hn.launch("-C", root, "add", "apart"));
    assertOk(hn.launch("-C", root, "add", "torn"));

    // dirty: one staged, one modified, two untracked
    Path dirty = repo.worktree("dirty");
    Files.writeString(dirty.resolve("staged.txt"), "new\n");
    GitRepo.gitIn(dirty, "add", "staged.txt");
    Files.writeString(dirty.resolve("shared.txt"), "changed\n");
    Files.writeString(dirty.resolve("u1"), "x");
    Files.writeString(dirty.resolve("u2"), "x");

    // apart: two commits of its own, and main moves on by one
    Path apart = repo.worktree("apart");
    for (String file : new String[] {"a1", "a2"}) {
      Files.writeString(apart.resolve(file), file);
      GitRepo.gitIn(apart, "add", file);
      GitRepo.gitIn(apart, "commit", "-q", "-m", file);
    }
    repo.write("main.txt", "main\n");
    repo.git("add", "main.txt");
    repo.git("commit", "-q", "-m", "main moves on");

    // torn: a merge of main that conflicts
    Path torn = repo.worktree("torn");
    repo.write("shared.txt", "main's\n");
    repo.git("commit", "-q", "-am", "main's shared");
    Files.writeString(torn.resolve("shared.txt"), "torn's\n");
    GitRepo.gitIn(torn, "commit", "-q", "-am", "torn's shared");
    GitRepo.exec(torn, java.util.List.of("git", "merge", "-q", "main"), java.util.Map.of());

    JsonNode list = json(hn.launch("-C", root, "list", "--json"));
    JsonNode d = entry(list, "dirty");
    assertEquals(1, d.get("changes").get("staged").asInt(), d.toString());
    assertEquals(1, d.get("changes").get("modified").asInt(), d.toString());
    assertEquals(2, d.get("changes").get("untracked").asInt(), d.toString());
    assertEquals(0, d.get("changes").get("conflicts").asInt(), d.toString());
    JsonNode a = entry(list, "apart");
    assertEquals(2, a.get("ahead").asInt(), a.toString());
    assertEquals(2, a.get("behind").asInt(), a.toString());
    assertEquals(0, a.get("changes").get("modified").asInt(), a.toString());
    JsonNode t = entry(list, "torn");
    assertEquals(1, t.get("changes").get("conflicts").asInt(), t.toString());
    assertTrue(
        java.time.Duration.between(
                    java.time.Instant.parse(a.get("lastCommitAt").asText()),
                    java.time.Instant.now())
                .toMinutes()
            < 5,
        a.toString());

    LaunchResult table = hn.launch("-C", root, "list");
    String text = table.getOutput();
    String dirtyLine = text.lines().filter(l -> l.contains(" dirty ")).findFirst().orElseThrow();
    assertTrue(dirtyLine.contains("+1 ~1 ?2"), dirtyLine);
    String apartLine = text.lines().filter(l -> l.contains(" apart ")).findFirst().orElseThrow();
    assertTrue(apartLine.contains("↑2 ↓2"), apartLine);
    String tornLine = text.lines().filter(l -> l.contains(" torn ")).findFirst().orElseThrow();
    assertTrue(tornLine.contains("!1"), tornLine);
    assertTrue(
        hn.launch("-C", root, "list", "--help").getOutput().contains("↑N ahead of its parent"));
  }
}
