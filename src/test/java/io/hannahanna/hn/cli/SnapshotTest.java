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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hn snapshot: uncommitted work saved under a name, apart from the branch and the stash list. */
@HnTest
class SnapshotTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;
  Path wt;

  @BeforeEach
  void createRepository(QuarkusMainLauncher hn) {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "feat"));
    wt = repo.worktree("feat");
  }

  private LaunchResult hn(QuarkusMainLauncher hn, String... args) {
    return WorktreeAcceptanceTest.in(hn, root, args);
  }

  private String status() {
    return GitRepo.gitIn(wt, "status", "--porcelain");
  }

  @Test
  void createSavesTrackedAndUntrackedWorkWithoutTouchingAnythingAndRestoreBringsItBack(
      QuarkusMainLauncher hn) throws Exception {
    Files.writeString(wt.resolve("README.md"), "edited\n");
    Files.writeString(wt.resolve("notes.txt"), "untracked\n");
    Files.writeString(wt.resolve("staged.txt"), "staged\n");
    GitRepo.gitIn(wt, "add", "staged.txt");
    repo.git("stash", "list");
    Files.writeString(repo.root().resolve("mine.txt"), "the user's own stash\n");
    repo.git("stash", "push", "-u", "-q", "-m", "mine");
    String stashes = repo.git("stash", "list");
    String head = GitRepo.gitIn(wt, "rev-parse", "HEAD");
    String before = status();

    assertOk(hn(hn, "snapshot", "create", "feat", "wip"));
    assertEquals(before, status(), "the worktree is untouched");
    assertEquals(head, GitRepo.gitIn(wt, "rev-parse", "HEAD"), "so is the branch");
    assertEquals(stashes, repo.git("stash", "list"), "and the user's stashes");

    JsonNode list = json(hn(hn, "snapshot", "list", "feat", "--json"));
    assertEquals("wip", list.get("snapshots").get(0).get("name").asText());
    assertEquals("feat", list.get("snapshots").get(0).get("worktree").asText());

    GitRepo.gitIn(wt, "reset", "-q", "--hard");
    GitRepo.gitIn(wt, "clean", "-fdq");
    GitRepo.gitIn(wt, "commit", "-q", "--allow-empty", "-m", "moved on");
    repo.git("gc", "-q", "--prune=now");
    assertEquals("", status());

    assertOk(hn(hn, "snapshot", "restore", "feat", "wip"));
    assertEquals("edited\n", Files.readString(wt.resolve("README.md")));
    assertEquals("untracked\n", Files.readString(wt.resolve("notes.txt")));
    assertEquals(before, status(), "staged stays staged, untracked stays untracked");
    assertEquals(stashes, repo.git("stash", "list"));

    LaunchResult dirty = hn(hn, "snapshot", "restore", "feat", "wip");
    assertEquals(1, dirty.exitCode());
    assertTrue(dirty.getErrorOutput().contains("uncommitted"), dirty.getErrorOutput());
    assertEquals(before, status());

    assertOk(hn(hn, "snapshot", "delete", "feat", "wip"));
    assertEquals(0, json(hn(hn, "snapshot", "list", "feat", "--json")).get("snapshots").size());
    assertEquals("", repo.git("for-each-ref", "refs/hn/"));
  }

  @Test
  void refusalsLeaveEverythingAsItWas(QuarkusMainLauncher hn) throws Exception {
    // a clean worktree: recorded all the same (scripts snapshot before a risky step), and said
    LaunchResult nothing = hn(hn, "snapshot", "create", "feat", "empty");
    assertOk(nothing);
    assertTrue(
        nothing.getErrorOutput().contains("no uncommitted changes: an empty snapshot"),
        nothing.getErrorOutput());
    assertOk(hn(hn, "snapshot", "restore", "feat", "empty"));
    assertEquals("", GitRepo.gitIn(wt, "status", "--porcelain"), "restoring it changes nothing");

    Files.writeString(wt.resolve("a.txt"), "a\n");
    assertOk(hn(hn, "snapshot", "create", "feat", "one"));
    JsonNode listed = json(hn(hn, "snapshot", "list", "feat", "--json")).get("snapshots");
    assertFalse(listed.get(0).get("changes").asBoolean(), listed.toString());
    assertTrue(listed.get(1).get("changes").asBoolean(), listed.toString());
    String table = hn(hn, "snapshot", "list", "feat").getOutput();
    assertTrue(table.lines().anyMatch(l -> l.contains("empty") && l.contains("no changes")), table);
    LaunchResult twice = hn(hn, "snapshot", "create", "feat", "one");
    assertEquals(1, twice.exitCode());
    assertTrue(twice.getErrorOutput().contains("already"), twice.getErrorOutput());

    for (String bad : new String[] {"../x", "-n", "a b", "x.lock", "a..b", "@{1}"}) {
      LaunchResult r = hn(hn, "snapshot", "create", "feat", bad);
      assertTrue(r.exitCode() != 0, bad);
      assertTrue(r.getErrorOutput().contains(bad), r.getErrorOutput());
    }
    for (String verb : List.of("restore", "delete")) {
      LaunchResult none = hn(hn, "snapshot", verb, "feat", "nope");
      assertEquals(1, none.exitCode());
      assertTrue(none.getErrorOutput().contains("'nope'"), none.getErrorOutput());
    }
    assertEquals(
        "refs/hn/snapshots/feat/empty\nrefs/hn/snapshots/feat/one",
        repo.git("for-each-ref", "--format=%(refname)", "refs/hn/"));
    assertTrue(Files.exists(wt.resolve("a.txt")));
  }

  @Test
  void anUnnamedSnapshotGetsATimeAndRestoreOnAMovedBranchThatConflictsIsTakenBack(
      QuarkusMainLauncher hn) throws Exception {
    Files.writeString(wt.resolve("README.md"), "mine\n");
    Files.writeString(wt.resolve("extra.txt"), "extra\n");
    assertOk(hn(hn, "snapshot", "create", "feat"));
    String name =
        json(hn(hn, "snapshot", "list", "feat", "--json"))
            .get("snapshots")
            .get(0)
            .get("name")
            .asText();
    assertTrue(name.matches("\\d{8}-\\d{6}"), name);

    GitRepo.gitIn(wt, "checkout", "-q", "README.md");
    Files.delete(wt.resolve("extra.txt"));
    Files.writeString(wt.resolve("README.md"), "theirs\n");
    GitRepo.gitIn(wt, "commit", "-q", "-am", "conflicting");
    String head = GitRepo.gitIn(wt, "rev-parse", "HEAD");
    LaunchResult conflict = hn(hn, "snapshot", "restore", "feat", name);
    assertEquals(1, conflict.exitCode());
    assertTrue(conflict.getErrorOutput().contains("README.md"), conflict.getErrorOutput());
    assertEquals("", status(), "taken back");
    assertFalse(Files.exists(wt.resolve("extra.txt")));
    assertEquals(head, GitRepo.gitIn(wt, "rev-parse", "HEAD"));
  }

  @Test
  void aFailedRestoreUndoesOnlyWhatItCreatedAndNeverThroughALink(QuarkusMainLauncher hn)
      throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("victim.txt"), "not hn's\n");
    Files.writeString(wt.resolve("README.md"), "mine\n");
    Files.writeString(wt.resolve("notes.txt"), "snapshot's\n");
    Files.createDirectories(wt.resolve("out"));
    Files.writeString(wt.resolve("out/victim.txt"), "snapshot's\n");
    Files.writeString(wt.resolve("new.txt"), "snapshot's\n");
    assertOk(hn(hn, "snapshot", "create", "feat", "s"));

    GitRepo.gitIn(wt, "checkout", "-q", "README.md");
    Files.delete(wt.resolve("notes.txt"));
    Files.delete(wt.resolve("new.txt"));
    Files.delete(wt.resolve("out/victim.txt"));
    Files.delete(wt.resolve("out"));
    // the branch moves on: a conflicting edit and a committed link where the folder was
    Files.writeString(wt.resolve("README.md"), "theirs\n");
    Files.createSymbolicLink(wt.resolve("out"), outside);
    GitRepo.gitIn(wt, "add", "README.md", "out");
    GitRepo.gitIn(wt, "commit", "-q", "-m", "moved on");
    // a file of the user's own since, ignored by git, so the worktree counts as clean
    Files.writeString(
        Path.of(GitRepo.gitIn(wt, "rev-parse", "--git-common-dir")).resolve("info/exclude"),
        "notes.txt\n");
    Files.writeString(wt.resolve("notes.txt"), "the user's\n");

    LaunchResult failed = hn(hn, "snapshot", "restore", "feat", "s");
    assertEquals(1, failed.exitCode(), failed.getErrorOutput());
    assertTrue(failed.getErrorOutput().contains("nothing was changed"), failed.getErrorOutput());
    assertEquals("the user's\n", Files.readString(wt.resolve("notes.txt")));
    assertEquals("not hn's\n", Files.readString(outside.resolve("victim.txt")));
    assertFalse(Files.exists(wt.resolve("new.txt")), "what the restore created is gone again");
    assertEquals("", status());
  }
}
