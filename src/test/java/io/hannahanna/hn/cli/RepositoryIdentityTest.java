package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.worktree.Worktrees;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry names a repository by an id kept in its git directory: its rows follow the folder
 * when it is moved, a copy gets rows of its own, and `hn doctor` names the rows of repositories
 * that are gone with the command that frees them.
 */
@HnTest
class RepositoryIdentityTest {
  @TempDir Path tmp;
  GitRepo repo;

  @BeforeEach
  void sharedRegistry() {
    repo = GitRepo.create(tmp);
    System.setProperty("hn.registry", tmp.resolve("shared.db").toString());
  }

  @AfterEach
  void clearRegistry() {
    System.clearProperty("hn.registry");
  }

  private List<String> repositories(QuarkusMainLauncher hn, Path from) {
    LaunchResult rows =
        hn.launch(
            "-C",
            from.toString(),
            "registry",
            "sql",
            "SELECT root_path FROM repositories ORDER BY root_path");
    assertOk(rows);
    return rows.getOutput().strip().lines().skip(1).toList();
  }

  private static int allocations(QuarkusMainLauncher hn, Path from) throws Exception {
    return json(hn.launch("-C", from.toString(), "ports", "list", "--json"))
        .get("allocations")
        .size();
  }

  @Test
  void rowsFollowAMovedFolderAndACopyGetsItsOwn(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", repo.root().toString(), "ports", "allocate", "a", "web:80"));
    Path moved = tmp.resolve("moved");
    Files.move(repo.root(), moved);

    assertEquals(1, allocations(hn, moved), "the moved repository still has its port");
    assertOk(hn.launch("-C", moved.toString(), "ports", "allocate", "b", "web:80"));
    assertEquals(List.of(moved.toString()), repositories(hn, moved));

    Path copy = tmp.resolve("copy");
    copyTree(moved, copy);
    assertEquals(0, allocations(hn, copy), "a copy does not take the original's rows");
    assertOk(hn.launch("-C", copy.toString(), "ports", "allocate", "c", "web:80"));
    assertEquals(List.of(copy.toString(), moved.toString()), repositories(hn, moved));
    assertEquals(2, allocations(hn, moved));
    assertNotEquals(
        Files.readString(moved.resolve(".git/hn-repository-id")),
        Files.readString(copy.resolve(".git/hn-repository-id")));

    Worktrees.deleteTree(copy);
    LaunchResult doctor = hn.launch("-C", moved.toString(), "doctor", "--json");
    JsonNode gone = null;
    for (JsonNode check : json(doctor).get("checks")) {
      if (check.get("name").asText().equals("repositories")) {
        gone = check;
      }
    }
    assertTrue(gone != null, doctor.getOutput());
    assertEquals("warn", gone.get("status").asText(), gone.toString());
    assertTrue(gone.get("detail").asText().contains(copy.toString()), gone.toString());
    String fix = gone.get("fix").asText();
    assertTrue(fix.contains("hn registry forget " + copy), fix);

    assertOk(hn.launch("-C", moved.toString(), "registry", "forget", copy.toString()));
    assertEquals(List.of(moved.toString()), repositories(hn, moved));
    assertEquals(2, allocations(hn, moved));
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }
}
