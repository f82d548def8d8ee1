package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.hannahanna.hn.worktree.Worktrees;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hn state list, size and clean. */
@HnTest
class StateCommandTest {
  @TempDir Path tmp;

  @Test
  void listsTheFoldersWithTheirSizeAndCleansThoseOfGoneWorktrees(QuarkusMainLauncher hn)
      throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "kept"));
    assertOk(hn.launch("-C", root, "add", "gone"));
    Path state = repo.root().resolve(".hn-state/worktrees/kept");
    Files.write(state.resolve("data.bin"), new byte[3000]);
    Files.createSymbolicLink(state.resolve("link"), Path.of("/usr/bin"));
    Worktrees.deleteTree(repo.worktree("gone"));

    JsonNode states = json(hn.launch("-C", root, "state", "list", "--json")).get("states");
    assertEquals(2, states.size(), states.toString());
    assertEquals("gone", states.get(0).get("worktree").asText());
    assertFalse(states.get(0).get("worktreeExists").asBoolean());
    assertEquals("kept", states.get(1).get("worktree").asText());
    assertEquals(3000, states.get(1).get("bytes").asLong(), "links are not followed");
    assertTrue(states.get(1).get("worktreeExists").asBoolean());
    LaunchResult table = hn.launch("-C", root, "state", "list");
    assertTrue(table.getOutput().contains("2.9 KiB"), table.getOutput());

    LaunchResult size = hn.launch("-C", root, "state", "size");
    assertOk(size);
    assertTrue(size.getOutput().contains(repo.root().resolve(".hn-state").toString()));
    // hannahanna's spelling: one worktree's state folder
    LaunchResult one = hn.launch("-C", root, "state", "size", "gone");
    assertOk(one);
    assertTrue(
        one.getOutput().contains(repo.root().resolve(".hn-state/worktrees/gone").toString()),
        one.getOutput());
    assertEquals(2, hn.launch("-C", root, "state", "size", "../x").exitCode());

    LaunchResult dry = hn.launch("-C", root, "state", "clean", "--dry-run");
    assertEquals("gone", dry.getOutput().strip());
    assertTrue(Files.isDirectory(repo.root().resolve(".hn-state/worktrees/gone")));
    LaunchResult clean = hn.launch("-C", root, "state", "clean");
    assertEquals("gone", clean.getOutput().strip());
    assertFalse(Files.exists(repo.root().resolve(".hn-state/worktrees/gone")));
    assertTrue(Files.isDirectory(state));
  }
}
