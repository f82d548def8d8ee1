package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * hn workspace, as hannahanna has it: save the set of worktrees, lose some, restore them, export
 * the set, import it into a second clone (and refuse a hostile file), compare two sets.
 */
@HnTest
class WorkspaceTest {
  @TempDir Path tmp;

  @Test
  void saveRemoveRestoreExportImportInASecondCloneAndDiff(QuarkusMainLauncher hn) throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "api"));
    assertOk(hn.launch("-C", repo.worktree("api").toString(), "add", "api-fix"));
    assertOk(hn.launch("-C", root, "add", "ui"));
    assertOk(hn.launch("-C", root, "tag", "ui", "review"));
    Files.writeString(repo.worktree("api").resolve("api.txt"), "api work\n");
    GitRepo.gitIn(repo.worktree("api"), "add", "api.txt");
    GitRepo.gitIn(repo.worktree("api"), "commit", "-q", "-m", "api work");
    String apiCommit = GitRepo.gitIn(repo.worktree("api"), "rev-parse", "HEAD").strip();

    LaunchResult save =
        hn.launch("-C", root, "workspace", "save", "friday", "--description", "api + ui");
    assertOk(save);
    assertTrue(save.getErrorOutput().contains("Saved workspace 'friday': 3 worktree(s)"));
    JsonNode listed = json(hn.launch("-C", root, "workspace", "list", "--json"));
    JsonNode friday = listed.get("workspaces").get(0);
    assertEquals("api + ui", friday.get("description").asText());
    assertEquals(3, friday.get("worktrees").size());

    // lose two (one of them with its branch), keep one; restore brings back what is missing
    assertOk(hn.launch("-C", root, "remove", "--force", "api-fix"));
    assertOk(hn.launch("-C", root, "remove", "--force", "--delete-branch", "api"));
    LaunchResult restored = hn.launch("-C", root, "workspace", "restore", "friday");
    assertOk(restored);
    assertTrue(
        restored.getErrorOutput().contains("2 created, 1 left as they were, 0 failed"),
        restored.getErrorOutput());
    assertEquals(
        apiCommit,
        GitRepo.gitIn(repo.worktree("api"), "rev-parse", "HEAD").strip(),
        "a deleted branch comes back at the saved commit");
    JsonNode info = json(hn.launch("-C", root, "info", "api-fix", "--json"));
    assertEquals("api", info.get("parent").asText(), "made from its saved parent");
    JsonNode tags = json(hn.launch("-C", root, "list", "--json"));
    assertTrue(tags.toString().contains("\"review\""), tags.toString());

    // export, and import into a second clone, where none of the branches exist locally
    Path file = tmp.resolve("friday.json");
    assertOk(hn.launch("-C", root, "workspace", "export", "friday", "-o", file.toString()));
    LaunchResult again =
        hn.launch("-C", root, "workspace", "export", "friday", "-o", file.toString());
    assertEquals(1, again.exitCode(), "an export never overwrites a file without --force");
    assertTrue(again.getErrorOutput().contains("--force replaces it"), again.getErrorOutput());
    assertEquals(
        Files.readString(file).strip(),
        hn.launch("-C", root, "workspace", "export", "friday", "-o", "-").getOutput().strip(),
        "-o - writes the same JSON to stdout");
    Path clone = tmp.resolve("clone");
    GitRepo.gitIn(tmp, "clone", "-q", root, clone.toString());
    LaunchResult imported =
        hn.launch(
            "-C", clone.toString(), "workspace", "import", file.toString(), "--create-worktrees");
    assertOk(imported);
    Path cloneWorktrees = tmp.resolve("clone-worktrees");
    assertEquals(
        apiCommit, GitRepo.gitIn(cloneWorktrees.resolve("api"), "rev-parse", "HEAD").strip());
    assertTrue(Files.isDirectory(cloneWorktrees.resolve("api-fix")));

    // diff: the same set saved again after a change
    assertOk(hn.launch("-C", root, "untag", "ui", "review"));
    assertOk(hn.launch("-C", root, "remove", "--force", "api-fix"));
    assertOk(hn.launch("-C", root, "workspace", "save", "monday"));
    LaunchResult diff = hn.launch("-C", root, "workspace", "diff", "friday", "monday");
    assertOk(diff);
    assertTrue(diff.getOutput().contains("- api-fix"), diff.getOutput());
    assertTrue(diff.getOutput().contains("~ ui: tags [review] -> []"), diff.getOutput());
    JsonNode diffJson =
        json(hn.launch("-C", root, "workspace", "diff", "friday", "monday", "--json"));
    assertEquals("api-fix", diffJson.get("onlyInA").get(0).asText());

    assertNotEquals(0, hn.launch("-C", root, "workspace", "delete", "monday").exitCode());
    LaunchResult listed2 = hn.launch("-C", root, "workspace", "list");
    assertTrue(listed2.getOutput().contains("friday") && listed2.getOutput().contains("api + ui"));
    assertTrue(listed2.getErrorOutput().contains("2 workspace(s)."), listed2.getErrorOutput());
    assertOk(hn.launch("-C", root, "workspace", "delete", "monday", "--force"));
    assertEquals(
        1, json(hn.launch("-C", root, "workspace", "list", "--json")).get("workspaces").size());
  }

  /** --force puts an existing worktree back on its saved branch, never over uncommitted work. */
  @Test
  void restoreForceRepointsAnExistingWorktreeUnlessItHasUncommittedWork(QuarkusMainLauncher hn)
      throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "a"));
    Path a = repo.worktree("a");
    assertOk(hn.launch("-C", root, "workspace", "save", "s"));
    GitRepo.gitIn(a, "switch", "-q", "-c", "elsewhere");

    assertOk(hn.launch("-C", root, "workspace", "restore", "s"));
    assertEquals("elsewhere", branch(a), "without --force an existing worktree is left alone");

    GitRepo.gitIn(a, "branch", "-D", "a"); // the saved branch is gone: made again at its commit
    assertOk(hn.launch("-C", root, "workspace", "restore", "s", "--force"));
    assertEquals("a", branch(a));

    GitRepo.gitIn(a, "switch", "-q", "-c", "third");
    Files.writeString(a.resolve("work.txt"), "unsaved\n");
    LaunchResult refused = hn.launch("-C", root, "workspace", "restore", "s", "--force");
    assertEquals(1, refused.exitCode());
    assertTrue(
        refused.getErrorOutput().contains("'a' has uncommitted changes; left on third"),
        refused.getErrorOutput());
    assertEquals("third", branch(a));
    assertTrue(Files.exists(a.resolve("work.txt")));
  }

  private static String branch(Path worktree) throws Exception {
    return GitRepo.gitIn(worktree, "branch", "--show-current").strip();
  }

  /** An imported file is someone else's: every value is checked, its paths are never used. */
  @Test
  void aHostileWorkspaceFileChangesNothingAndHannahannasOwnFileImportsAsItIs(QuarkusMainLauncher hn)
      throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    String[] hostile = {
      "{\"name\": \"../../etc\", \"worktrees\": []}",
      "{\"name\": \"w\", \"worktrees\": [{\"name\": \"../../x\", \"branch\": \"b\"}]}",
      "{\"name\": \"w\", \"worktrees\": [{\"name\": \"x\", \"branch\": \"--upload-pack=touch pwned\"}]}",
      "{\"name\": \"w\", \"worktrees\": [{\"name\": \"x\", \"commit\": \"$(touch pwned)\"}]}",
      "{\"name\": \"w\", \"worktrees\": [{\"name\": \"x\", \"tags\": [\"a;touch pwned\"]}]}",
      "{\"name\": \"w\", \"worktrees\": [{\"name\": \"x\", \"parent\": \"../..\"}]}",
      "{\"name\": \"w\", \"worktrees\": [{\"name\": \"x\"}, {\"name\": \"x\"}]}",
      "[1, 2, 3]",
      "not json"
    };
    for (int i = 0; i < hostile.length; i++) {
      Path file = Files.writeString(tmp.resolve("hostile" + i + ".json"), hostile[i]);
      LaunchResult refused =
          hn.launch("-C", root, "workspace", "import", file.toString(), "--create-worktrees");
      assertEquals(1, refused.exitCode(), hostile[i] + ": " + refused.getOutput());
      assertEquals(1, refused.getErrorOutput().strip().lines().count(), refused.getErrorOutput());
    }
    assertEquals(
        0, json(hn.launch("-C", root, "workspace", "list", "--json")).get("workspaces").size());
    assertEquals(1, repo.git("worktree", "list").lines().count());
    assertFalse(Files.exists(repo.root().resolve("pwned")));

    // hannahanna's own export: created_at in seconds, {name, branch, path}, config_snapshot
    Path theirs =
        Files.writeString(
            tmp.resolve("hannahanna.workspace.json"),
            "{\n  \"name\": \"sprint\",\n  \"description\": \"two \\u001b]0;title\\u0007things\",\n"
                + "  \"created_at\": \"1765000000\",\n  \"worktrees\": [\n"
                + "    {\"name\": \"feat\", \"branch\": \"feat\", \"path\": \"/etc\"}\n  ],\n"
                + "  \"config_snapshot\": \"hooks:\\n  post_create: touch pwned\\n\"\n}\n");
    LaunchResult imported =
        hn.launch("-C", root, "workspace", "import", theirs.toString(), "--create-worktrees");
    assertOk(imported);
    assertTrue(Files.isDirectory(repo.worktree("feat")), "created beside the repository");
    assertFalse(Files.exists(repo.root().resolve("pwned")), "its config snapshot never runs");
    JsonNode sprint = json(hn.launch("-C", root, "workspace", "list", "--json"));
    String description = sprint.get("workspaces").get(0).get("description").asText();
    assertFalse(description.contains("\u001b"), "no escape sequences reach a terminal");
    assertEquals("2025-12-06T05:46:40Z", sprint.get("workspaces").get(0).get("createdAt").asText());
  }
}
