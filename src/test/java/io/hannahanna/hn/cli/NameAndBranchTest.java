package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.support.Trusted;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worktree's name and its branch can differ: hn add <name> --branch <branch>. */
@HnTest
class NameAndBranchTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  private JsonNode worktree(QuarkusMainLauncher hn, String name) throws Exception {
    for (JsonNode w : json(hn.launch("-C", root, "list", "--json")).get("worktrees")) {
      if (w.get("name").asText().equals(name)) {
        return w;
      }
    }
    throw new AssertionError("no worktree " + name);
  }

  @Test
  void aNewBranchUnderAnotherNameAndAnExistingBranchToReview(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "auth", "--branch", "feature/auth"));
    assertEquals("feature/auth", worktree(hn, "auth").get("branch").asText());
    assertTrue(Files.isDirectory(repo.worktree("auth")));
    assertEquals(
        "feature/auth",
        repo.git("-C", repo.worktree("auth").toString(), "branch", "--show-current").strip());

    repo.git("branch", "pr-123");
    assertOk(hn.launch("-C", root, "add", "review-123", "--branch", "pr-123", "--no-branch"));
    JsonNode review = json(hn.launch("-C", root, "info", "review-123", "--json"));
    assertEquals("review-123", review.get("name").asText());
    assertEquals("pr-123", review.get("branch").asText());
    assertTrue(hn.launch("-C", root, "list").getOutput().contains("pr-123"));

    LaunchResult taken = hn.launch("-C", root, "add", "again", "--branch", "feature/auth");
    assertEquals(1, taken.exitCode());
    assertTrue(taken.getErrorOutput().contains("Branch 'feature/auth' already exists"));
  }

  @Test
  void aRolledBackWorktreeTakesItsOwnBranchWithIt(QuarkusMainLauncher hn) {
    repo.write(".hannahanna.yml", "hooks:\n  post_create: exit 3\n");
    Trusted.config(repo.root());
    LaunchResult add = hn.launch("-C", root, "add", "auth", "--branch", "feature/auth");
    assertEquals(1, add.exitCode());
    assertEquals("", repo.git("branch", "--list", "feature/auth"), "the branch hn made is gone");
    assertFalse(Files.exists(repo.worktree("auth")));
  }

  @Test
  void branchNamesGitRefusesAreRefusedBeforeAnythingHappens(QuarkusMainLauncher hn) {
    for (String bad : new String[] {"-y", "a..b", "HEAD", "with space", "x.lock", "@{-1}"}) {
      LaunchResult add = hn.launch("-C", root, "add", "w", "--branch", bad);
      assertEquals(1, add.exitCode(), bad);
      assertTrue(add.getErrorOutput().contains("is not a valid branch name"), add.getErrorOutput());
      assertFalse(Files.exists(repo.worktree("w")), bad);
    }
  }

  @Test
  void whatDeletesOrOverwritesTakesTheExactNameOnly(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "feat"));
    Files.writeString(repo.worktree("feat").resolve("wip.txt"), "wip\n");
    assertOk(hn.launch("-C", root, "snapshot", "create", "feat", "s"));
    Files.delete(repo.worktree("feat").resolve("wip.txt"));
    for (String[] args :
        new String[][] {
          {"remove", "Feat"},
          {"remove", "fea", "--force"},
          {"snapshot", "delete", "FEAT", "s"},
          {"snapshot", "restore", "fe", "s"},
          {"integrate", "Feat"},
        }) {
      LaunchResult refused = WorktreeAcceptanceTest.in(hn, root, args);
      assertEquals(1, refused.exitCode(), String.join(" ", args));
      assertTrue(
          refused.getErrorOutput().contains("did you mean feat?")
              && refused.getErrorOutput().contains("exact name"),
          refused.getErrorOutput());
    }
    assertTrue(Files.isDirectory(repo.worktree("feat")));
    assertFalse(Files.exists(repo.worktree("feat").resolve("wip.txt")));
    // fuzzy matching stays where nothing is lost
    assertOk(hn.launch("-C", root, "info", "Feat"));
    assertOk(hn.launch("-C", root, "remove", "feat"));
  }
}
