package io.hannahanna.hn.cli;

import static io.hannahanna.hn.cli.WorktreeAcceptanceTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.HnTest;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hannahanna's command-line spellings, as its documentation writes them, work in hn. */
@HnTest
class HannahannaFormsTest {
  @TempDir Path tmp;

  @Test
  void hannahannasSpellingsOfAddRemoveReturnCompletionsAndConfigValidate(QuarkusMainLauncher hn)
      throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();

    LaunchResult add = hn.launch("-C", root, "add", "feat", "my-branch");
    assertOk(add);
    assertEquals(
        "my-branch",
        GitRepo.gitIn(repo.worktree("feat"), "branch", "--show-current").strip(),
        "hn add <name> <branch>");

    Path feat = repo.worktree("feat");
    Files.writeString(feat.resolve("work.txt"), "work\n");
    GitRepo.gitIn(feat, "add", "work.txt");
    GitRepo.gitIn(feat, "commit", "-q", "-m", "work");
    assertOk(hn.launch("-C", feat.toString(), "return", "--merge"));
    assertTrue(Files.exists(repo.root().resolve("work.txt")), "hn return --merge merged");

    assertEquals(
        hn.launch("completion", "bash").getOutput(), hn.launch("completions", "bash").getOutput());

    assertOk(hn.launch("-C", root, "remove", "-f", "feat"));
    assertFalse(Files.exists(feat));

    LaunchResult init = hn.launch("-C", root, "config", "init");
    assertOk(init);
    String started = Files.readString(repo.root().resolve(".hannahanna.yml"));
    assertTrue(started.contains("# worktree_dir:"), started);
    assertOk(hn.launch("-C", root, "config", "validate"));
    LaunchResult again = hn.launch("-C", root, "config", "init");
    assertEquals(1, again.exitCode(), "hn config init never overwrites a config");
    assertTrue(again.getErrorOutput().contains("already exists"), again.getErrorOutput());
    assertEquals(started, Files.readString(repo.root().resolve(".hannahanna.yml")));

    repo.write(".hannahanna.yml", "docker:\n  enabled: true\n");
    LaunchResult valid = hn.launch("-C", root, "config", "validate");
    assertOk(valid);
    assertTrue(valid.getOutput().contains("valid"), valid.getOutput());
    repo.write(".hannahanna.yml", "docker:\n  enabled: maybe\n");
    LaunchResult invalid = hn.launch("-C", root, "config", "validate");
    assertEquals(1, invalid.exitCode());
    assertTrue(invalid.getErrorOutput().contains(".hannahanna.yml:2:12"), invalid.getErrorOutput());
  }

  /**
   * Every form the README's table says hn takes as hannahanna writes it parses as a command line
   * (it may still fail for what it finds: no Docker here, no snapshot of that name).
   */
  @Test
  void everyFormTheReadmeCallsTheSameIsACommandLineHnTakes(QuarkusMainLauncher hn)
      throws Exception {
    GitRepo repo = GitRepo.create(tmp);
    String root = repo.root().toString();
    assertOk(hn.launch("-C", root, "add", "api"));
    String[][] forms = {
      {"add", "hotfix", "--from", "main", "--sparse", "src", "--template", "none"},
      {"add", "review", "--no-branch"},
      {"list", "--tree", "--tag", "x"},
      {"switch", "ap"},
      {"info", "api"},
      {"each", "--parallel", "--stop-on-error", "--filter", "api", "--tag", "x", "true"},
      {"each", "--docker-running", "true"},
      {"each", "--parallel", "true"},
      {"integrate", "api", "--into", "api", "--no-ff"},
      {"integrate", "api", "--squash"},
      {"init-shell"},
      {"completions", "zsh"},
      {"prune"},
      {"state", "list"},
      {"state", "clean"},
      {"state", "size", "api"},
      {"config", "validate"},
      {"config", "show"},
      {"ports", "list"},
      {"ports", "show", "api"},
      {"ports", "release", "api"},
      {"ports", "reassign", "api"},
      {"docker", "ps"},
      {"docker", "start", "api"},
      {"docker", "stop", "api"},
      {"docker", "restart", "api"},
      {"docker", "logs", "api", "web"},
      {"docker", "prune"},
      {"templates", "list", "--json"},
      {"templates", "show", "none"},
      {"templates", "create", "t", "--description", "d"},
      {"workspace", "save", "w", "--description", "d"},
      {"workspace", "list", "--json"},
      {"workspace", "export", "w", "--output", tmp.resolve("w.json").toString()},
      {"workspace", "import", tmp.resolve("w.json").toString(), "--create-worktrees"},
      {"workspace", "diff", "w", "w"},
      {"workspace", "restore", "w", "--force"},
      {"workspace", "delete", "w", "--force"},
      {"snapshot", "create", "api", "s1"},
      {"snapshot", "list", "api"},
      {"snapshot", "restore", "api", "s1"},
      {"snapshot", "delete", "api", "s1"},
      {"tag", "api", "a", "b"},
      {"tags"},
      {"tags", "api"},
      {"return", "--merge", "--no-ff"},
      {"remove", "api", "--force"},
    };
    for (String[] form : forms) {
      boolean inApi = form[0].equals("return");
      String[] argv = new String[form.length + 2];
      argv[0] = "-C";
      argv[1] = inApi ? repo.worktree("api").toString() : root;
      System.arraycopy(form, 0, argv, 2, form.length);
      LaunchResult r = hn.launch(argv);
      assertTrue(
          r.exitCode() != ExitCode.USAGE,
          "hn " + String.join(" ", form) + ": " + r.getErrorOutput());
    }
  }
}
