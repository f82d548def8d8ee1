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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hn sync, hn integrate and hn return, on real repositories; refusals leave git as it was. */
@HnTest
class GitWorkflowsTest {
  @TempDir Path tmp;
  GitRepo repo;
  String root;

  @BeforeEach
  void createRepository() {
    repo = GitRepo.create(tmp);
    root = repo.root().toString();
  }

  private Path wt(String name) {
    return repo.worktree(name);
  }

  private static void commit(Path dir, String file, String content) {
    try {
      Files.writeString(dir.resolve(file), content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    GitRepo.gitIn(dir, "add", file);
    GitRepo.gitIn(dir, "commit", "-q", "-m", "change " + file);
  }

  private static String head(Path dir) {
    return GitRepo.gitIn(dir, "rev-parse", "HEAD");
  }

  private static boolean ancestor(Path dir, String commit, String of) {
    return GitRepo.run(dir, "merge-base", "--is-ancestor", commit, of).exit() == 0;
  }

  /** Everything a refused command must leave as it was. */
  private String gitState() {
    return GitRepo.gitIn(repo.root(), "for-each-ref")
        + GitRepo.gitIn(repo.root(), "worktree", "list", "--porcelain")
        + GitRepo.gitIn(repo.root(), "stash", "list");
  }

  @Test
  void syncMergesOrRebasesTheParentsBranch(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "feat"));
    commit(repo.root(), "main.txt", "on main\n");
    LaunchResult merged = hn.launch("-C", root, "sync", "feat");
    assertOk(merged);
    assertTrue(
        merged.getErrorOutput().contains("Synced 'feat' with main (merged)."),
        merged.getErrorOutput());
    assertTrue(ancestor(wt("feat"), head(repo.root()), "HEAD"), "main's commit is in feat");

    commit(wt("feat"), "feat.txt", "on feat\n");
    commit(repo.root(), "main2.txt", "more\n");
    LaunchResult rebased = hn.launch("-C", wt("feat").toString(), "sync", "--strategy", "rebase");
    assertOk(rebased);
    assertTrue(rebased.getErrorOutput().contains("with main (rebased onto it)"));
    assertEquals("", GitRepo.gitIn(wt("feat"), "rev-list", "--merges", "main..HEAD"));
    assertEquals(head(repo.root()), GitRepo.gitIn(wt("feat"), "rev-parse", "HEAD~1"));

    assertOk(hn.launch("-C", root, "add", "other"));
    commit(wt("other"), "other.txt", "x\n");
    LaunchResult fromOther = hn.launch("-C", root, "sync", "feat", "--from", "other");
    assertOk(fromOther);
    assertTrue(fromOther.getErrorOutput().contains("with other"), fromOther.getErrorOutput());
    assertTrue(ancestor(wt("feat"), head(wt("other")), "HEAD"));
  }

  @Test
  void syncRefusesUncommittedChangesUnlessAutostash(QuarkusMainLauncher hn) throws Exception {
    assertOk(hn.launch("-C", root, "add", "feat"));
    commit(repo.root(), "main.txt", "on main\n");
    Files.writeString(wt("feat").resolve("README.md"), "edited\n");
    String before = gitState();
    LaunchResult refused = hn.launch("-C", root, "sync", "feat");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.getErrorOutput().contains("--autostash"), refused.getErrorOutput());
    assertEquals(before, gitState());
    assertEquals("edited\n", Files.readString(wt("feat").resolve("README.md")));

    assertOk(hn.launch("-C", root, "sync", "feat", "--autostash"));
    assertTrue(ancestor(wt("feat"), head(repo.root()), "HEAD"));
    assertEquals("edited\n", Files.readString(wt("feat").resolve("README.md")));
    assertEquals("", repo.git("stash", "list"), "the autostash is gone again");
  }

  @Test
  void aConflictStopsSyncWithGitsStateAndSaysHowToGoOn(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "feat"));
    commit(repo.root(), "README.md", "main's\n");
    commit(wt("feat"), "README.md", "feat's\n");
    LaunchResult merge = hn.launch("-C", root, "sync", "feat");
    assertEquals(1, merge.exitCode());
    assertTrue(merge.getErrorOutput().contains("README.md"), merge.getErrorOutput());
    assertTrue(merge.getErrorOutput().contains("git merge --abort"), merge.getErrorOutput());
    assertTrue(GitRepo.run(wt("feat"), "rev-parse", "-q", "--verify", "MERGE_HEAD").exit() == 0);
    GitRepo.gitIn(wt("feat"), "merge", "--abort");

    LaunchResult rebase = hn.launch("-C", root, "sync", "feat", "--strategy", "rebase");
    assertEquals(1, rebase.exitCode());
    assertTrue(rebase.getErrorOutput().contains("git rebase --continue"), rebase.getErrorOutput());
  }

  @Test
  void syncRefusesWhatItCannotUseAndTouchesNothing(QuarkusMainLauncher hn) {
    Path marker = tmp.resolve("ran");
    assertOk(hn.launch("-C", root, "add", "feat"));
    // commits on both sides and an upstream: a rebase taking --exec would replay and run it
    commit(repo.root(), "main.txt", "on main\n");
    commit(wt("feat"), "feat.txt", "on feat\n");
    GitRepo.gitIn(wt("feat"), "branch", "--set-upstream-to=main");
    String before = gitState();
    for (String[] args :
        new String[][] {
          {"sync", "feat", "--from", "nope"},
          // an option git rebase would run, were it taken as one
          {"sync", "feat", "--strategy", "rebase", "--from", "--exec=touch " + marker},
          {"sync", "nothing-like-it"},
          {"sync", "main"},
        }) {
      LaunchResult r = WorktreeAcceptanceTest.in(hn, root, args);
      assertTrue(r.exitCode() != 0, String.join(" ", args));
      assertFalse(r.getErrorOutput().isBlank(), String.join(" ", args));
    }
    assertEquals(2, hn.launch("-C", root, "sync", "feat", "--strategy", "squash").exitCode());
    assertEquals(before, gitState());
    assertFalse(Files.exists(marker), "--from reached git rebase as an option");
  }

  @Test
  void integrateMergesIntoTheParentOrTheTarget(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "feat"));
    commit(wt("feat"), "feat.txt", "on feat\n");
    assertOk(hn.launch("-C", root, "integrate", "feat"));
    assertEquals(head(wt("feat")), head(repo.root()), "fast-forward into main");

    commit(wt("feat"), "feat2.txt", "again\n");
    assertOk(hn.launch("-C", root, "integrate", "feat", "--no-ff"));
    assertEquals(
        head(wt("feat")), GitRepo.gitIn(repo.root(), "rev-parse", "HEAD^2"), "a merge commit");

    assertOk(hn.launch("-C", root, "add", "other"));
    commit(wt("feat"), "feat3.txt", "squashed\n");
    assertOk(hn.launch("-C", root, "integrate", "feat", "--into", "other", "--squash"));
    assertFalse(ancestor(wt("other"), head(wt("feat")), "HEAD"), "squashed, not merged");
    assertTrue(Files.exists(wt("other").resolve("feat3.txt")));
    assertEquals("", GitRepo.gitIn(wt("other"), "status", "--porcelain"), "committed");
  }

  @Test
  void integrateRefusesDirtyTreesConflictsAndBadFlagsLeavingBothAsTheyWere(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "feat"));
    commit(wt("feat"), "README.md", "feat's\n");
    commit(repo.root(), "README.md", "main's\n");
    String before = gitState();

    assertEquals(2, hn.launch("-C", root, "integrate", "feat", "--squash", "--no-ff").exitCode());
    LaunchResult conflict = hn.launch("-C", root, "integrate", "feat");
    assertEquals(1, conflict.exitCode());
    assertTrue(conflict.getErrorOutput().contains("README.md"), conflict.getErrorOutput());
    assertTrue(conflict.getErrorOutput().contains("hn sync feat"), conflict.getErrorOutput());
    assertEquals(before, gitState());
    assertEquals("", repo.git("status", "--porcelain"), "the merge was taken back");

    Files.writeString(repo.root().resolve("README.md"), "dirty\n");
    LaunchResult dirtyTarget = hn.launch("-C", root, "integrate", "feat");
    assertEquals(1, dirtyTarget.exitCode());
    assertTrue(dirtyTarget.getErrorOutput().contains("uncommitted"));
    repo.git("checkout", "README.md");
    Files.writeString(wt("feat").resolve("new.txt"), "untracked\n");
    assertEquals(1, hn.launch("-C", root, "integrate", "feat").exitCode());
    assertEquals(before, gitState());
  }

  @Test
  void returnDeleteFromAGrandchildMergesIntoTheChildAndReparents(QuarkusMainLauncher hn)
      throws Exception {
    assertOk(hn.launch("-C", root, "add", "child"));
    assertOk(hn.launch("-C", wt("child").toString(), "add", "grandchild"));
    assertOk(hn.launch("-C", wt("grandchild").toString(), "add", "great"));
    commit(wt("grandchild"), "gc.txt", "work\n");
    String work = head(wt("grandchild"));

    LaunchResult back = hn.launch("-C", wt("grandchild").toString(), "return", "--delete");
    assertOk(back);
    assertEquals(wt("child").toString(), back.getOutput().strip());
    assertTrue(ancestor(wt("child"), work, "HEAD"), "merged into the child");
    assertFalse(Files.exists(wt("grandchild")));
    assertTrue(
        back.getErrorOutput().contains("'great' now has parent 'child'"), back.getErrorOutput());
    JsonNode info = json(hn.launch("-C", root, "info", "great", "--json"));
    assertEquals("child", info.get("parent").asText());
    assertEquals(work, GitRepo.gitIn(repo.root(), "rev-parse", "grandchild"), "branch kept");
  }

  @Test
  void returnWithoutDeleteKeepsTheWorktreeAndRefusesInTheMainCheckout(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "feat"));
    commit(wt("feat"), "f.txt", "x\n");
    LaunchResult back = hn.launch("-C", wt("feat").toString(), "return", "--no-ff");
    assertOk(back);
    assertEquals(root, back.getOutput().strip());
    assertEquals(head(wt("feat")), GitRepo.gitIn(repo.root(), "rev-parse", "HEAD^2"));
    assertTrue(Files.isDirectory(wt("feat")));

    LaunchResult inMain = hn.launch("-C", root, "return");
    assertEquals(1, inMain.exitCode());
    assertTrue(inMain.getErrorOutput().contains("main checkout"), inMain.getErrorOutput());
  }

  @Test
  void returnFromAWorktreeHnDidNotMakeNamesTheWayInsteadOfGuessingMain(QuarkusMainLauncher hn)
      throws Exception {
    Path plain = tmp.resolve("plain");
    GitRepo.gitIn(repo.root(), "worktree", "add", "-q", "-b", "plain", plain.toString());
    commit(plain, "p.txt", "x\n");
    String before = GitRepo.gitIn(repo.root(), "rev-parse", "HEAD");
    LaunchResult back = hn.launch("-C", plain.toString(), "return");
    assertEquals(1, back.exitCode());
    assertTrue(
        back.getErrorOutput().contains("hn integrate plain --into <worktree>"),
        back.getErrorOutput());
    assertEquals(before, GitRepo.gitIn(repo.root(), "rev-parse", "HEAD"), "main was merged into");
  }

  @Test
  void removeForceSaysWhereTheChildrenWent(QuarkusMainLauncher hn) {
    assertOk(hn.launch("-C", root, "add", "child"));
    assertOk(hn.launch("-C", wt("child").toString(), "add", "grandchild"));
    LaunchResult removed = hn.launch("-C", root, "remove", "child", "--force");
    assertOk(removed);
    assertTrue(
        removed.getErrorOutput().contains("'grandchild' now has parent 'main'"),
        removed.getErrorOutput());
  }
}
