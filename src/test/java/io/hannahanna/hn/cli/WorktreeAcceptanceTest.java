package io.hannahanna.hn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance scenario of the foundation issue, run in-process against a real repository. */
@HnTest
class WorktreeAcceptanceTest {
  @TempDir Path tmp;

  @Test
  void nestedWorktreesAreTrackedAndRemovedWithForce(QuarkusMainLauncher hn) throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();

    assertOk(hn.launch("-C", root, "add", "a"));
    assertOk(hn.launch("-C", root, "add", "b", "--from", "main"));
    LaunchResult c = hn.launch("-C", repo.worktree("a").toString(), "add", "c");
    assertOk(c);
    assertEquals(repo.worktree("c").toString(), c.getOutput().strip());

    LaunchResult tree = hn.launch("-C", root, "list", "--tree");
    assertOk(tree);
    String[] lines = tree.getOutput().split("\n");
    int aLine = indexOf(lines, "── a ");
    int cLine = indexOf(lines, "── c ");
    assertTrue(aLine >= 0 && cLine == aLine + 1, tree.getOutput());
    assertTrue(lines[cLine].indexOf("c ") > lines[aLine].indexOf("a "), "c is indented under a");

    LaunchResult info = hn.launch("-C", root, "info", "c", "--json");
    assertOk(info);
    assertEquals("a", json(info).get("parent").asText());

    LaunchResult refused = hn.launch("-C", root, "remove", "a");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.getErrorOutput().contains("child worktrees (c)"), refused.getErrorOutput());
    assertTrue(repo.worktree("a").toFile().isDirectory());

    assertOk(hn.launch("-C", root, "remove", "a", "--force"));
    LaunchResult list = hn.launch("-C", root, "list", "--json");
    assertOk(list);
    JsonNode worktrees = json(list).get("worktrees");
    assertEquals(3, worktrees.size(), list.getOutput());
    worktrees.forEach(w -> assertFalse(w.get("name").asText().equals("a")));
    assertFalse(repo.worktree("a").toFile().exists());
  }

  static JsonNode json(LaunchResult result) throws Exception {
    return new ObjectMapper().readTree(result.getOutput());
  }

  /** hn run as `hn -C <root> <args…>`. */
  static LaunchResult in(QuarkusMainLauncher hn, String root, String... args) {
    String[] argv = new String[args.length + 2];
    argv[0] = "-C";
    argv[1] = root;
    System.arraycopy(args, 0, argv, 2, args.length);
    return hn.launch(argv);
  }

  static void assertOk(LaunchResult result) {
    assertEquals(0, result.exitCode(), result.getErrorOutput());
  }

  private static int indexOf(String[] lines, String text) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
