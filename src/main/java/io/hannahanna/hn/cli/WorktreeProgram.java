package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.WorktreeVariables;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * `-x <program>` of `hn add` and `hn switch`: the program runs in the worktree with its `WT_*`
 * variables (those of `hn env`) on hn's own terminal, and its exit code becomes hn's. The shell
 * function passes a file in `HN_CD_FILE` and changes into the path hn writes there afterwards.
 */
@Singleton
public class WorktreeProgram {
  private final ProcessRunner runner;
  private final WorktreeVariables variables;

  public WorktreeProgram(ProcessRunner runner, WorktreeVariables variables) {
    this.runner = runner;
    this.variables = variables;
  }

  int run(Worktree worktree, String program, List<String> args) {
    List<String> argv = new ArrayList<>(List.of(program));
    argv.addAll(args);
    // no time limit: a dev server or an agent runs as long as it likes
    int code =
        runner.runInteractive(Cmd.of(worktree.path(), argv).withEnv(variables.variables(worktree)));
    tellTheShell(worktree.path(), System.getenv("HN_CD_FILE"));
    return code;
  }

  /** Writes the worktree's path into the shell function's file (never through a link). */
  static void tellTheShell(Path worktree, String file) {
    if (file == null || !file.startsWith("/")) {
      return;
    }
    try {
      Files.write(
          Path.of(file),
          (worktree + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      // the shell stays where it is
    }
  }
}
