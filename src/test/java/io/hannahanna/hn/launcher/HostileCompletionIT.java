package io.hannahanna.hn.launcher;

import static io.hannahanna.hn.launcher.LauncherIT.HN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hannahanna.hn.support.GitRepo;
import io.hannahanna.hn.support.GitRepo.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloned repository whose branch and folder names are shell code: pressing TAB after `hn info `
 * in bash, zsh or fish offers the names and runs none of them.
 */
class HostileCompletionIT {
  /** Valid git branch names that a shell would run if it expanded them. */
  static final String SUBSTITUTION = "$(touch${IFS}pwned-subst)";

  static final String BACKTICKS = "`touch${IFS}pwned-tick`";

  /** A folder name fish would run (fish substitutes `(…)`, not `$(…)` or backticks). */
  static final String FISH = "wt-(touch pwned-fish)";

  /** A folder name with a newline, forging an entry in line-by-line `git worktree list`. */
  static final String FORGED = "wt-x\nworktree /tmp/pwned-forged";

  @TempDir Path tmp;
  Path clone;
  Path shellDir;

  @BeforeEach
  void cloneAHostileRepository() throws Exception {
    GitRepo origin = GitRepo.create(tmp, "origin");
    origin.git("checkout", "-q", "-b", SUBSTITUTION);
    clone = tmp.resolve("app");
    GitRepo.gitIn(tmp, "clone", "-q", origin.root().toString(), clone.toString());
    GitRepo.gitIn(clone, "worktree", "add", "-q", "-b", "side", "../wt-" + BACKTICKS);
    GitRepo.gitIn(clone, "worktree", "add", "-q", "-b", "fishy", "../" + FISH);
    GitRepo.gitIn(clone, "worktree", "add", "-q", "-b", "forged", "../" + FORGED);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("hn"), HN);
    shellDir = Files.createDirectories(tmp.resolve("shell"));
  }

  /** `hn completion <shell>`, kept in a file for the shell to source (one hn start per test). */
  private Path completion(String shell) throws Exception {
    Result result = LauncherIT.hn(tmp, "completion", shell);
    assertEquals(0, result.exit(), result.stderr());
    return Files.writeString(shellDir.resolve("completion." + shell), result.stdout());
  }

  private Result shell(String... argv) {
    return GitRepo.exec(
        clone,
        List.of(argv),
        Map.of(
            "PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"), "HOME", shellDir.toString()));
  }

  private void assertNothingRan() throws Exception {
    try (Stream<Path> files = Stream.concat(Files.list(clone), Files.list(shellDir))) {
      List<String> pwned =
          files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pwned")).toList();
      assertEquals(List.of(), pwned, "a name from the repository ran as code");
    }
  }

  private static final String BASH_COMPLETE =
      "complete_words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 ));"
          + " COMPREPLY=(); _hn_with_worktrees; printf '%s\\n' \"${COMPREPLY[@]}\"; }\n";

  @Test
  void bashOffersTheNamesQuotedAndRunsNone() throws Exception {
    Result result =
        shell(
            "bash",
            "-c",
            "source "
                + completion("bash")
                + "\n"
                + BASH_COMPLETE
                + "complete_words hn info ''\ncomplete_words hn info '$'\n");
    assertEquals(0, result.exit(), result.stderr());
    assertNothingRan();
    List<String> offered = result.stdout().lines().toList();
    // Each candidate is quoted for the command line: evaluating it gives the name back.
    Result evaluated =
        shell("bash", "-c", "for w in " + String.join(" ", offered) + "; do echo \"$w\"; done");
    assertNothingRan();
    assertEquals(
        List.of(SUBSTITUTION, FISH, "wt-" + BACKTICKS, SUBSTITUTION),
        evaluated.stdout().lines().toList(),
        result.stdout());
  }

  @Test
  void zshOffersTheNamesAndRunsNone() throws Exception {
    requireShell("zsh");
    // bashcompinit runs bash functions under `emulate sh` (arrays from 0) and unquotes COMPREPLY
    // once with (Q) before compadd quotes it for the command line: the harness does the same.
    Result result =
        shell(
            "zsh",
            "-f",
            "-c",
            "source "
                + completion("zsh")
                + "\ncomplete_words() { emulate -L sh; setopt kshglob noshglob braceexpand;"
                + " COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=();"
                + " _hn_with_worktrees; emulate zsh; print -rl -- \"${(@Q)COMPREPLY}\"; }\n"
                + "complete_words hn info ''\n");
    assertNothingRan();
    assertEquals(
        List.of(SUBSTITUTION, FISH, "wt-" + BACKTICKS),
        result.stdout().lines().toList(),
        result.stdout() + result.stderr());
  }

  @Test
  void fishOffersTheNamesAndRunsNone() throws Exception {
    requireShell("fish");
    Result result =
        shell(
            "fish",
            "--no-config",
            "-c",
            "source " + completion("fish") + "; complete -C 'hn info '");
    assertNothingRan();
    // the names, offered as they are (the forged entry is not among them)
    assertEquals(
        List.of(SUBSTITUTION, FISH, "wt-" + BACKTICKS),
        result.stdout().lines().toList(),
        result.stdout() + result.stderr());
  }

  /** A shell the test needs: skipped where it is missing, a failure in CI (HN_REQUIRE_DOCKER). */
  private static void requireShell(String shell) {
    if ("1".equals(System.getenv("HN_REQUIRE_DOCKER"))) {
      assertTrue(installed(shell), shell + " is not installed, and HN_REQUIRE_DOCKER=1 needs it");
    }
    assumeTrue(installed(shell), shell + " is not installed");
  }

  private static boolean installed(String program) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
