package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the repository's hooks. Hooks are shell code written by the repository's authors, so they
 * are the one place where hn starts `sh -c`; `--no-hooks` skips them.
 */
@Singleton
public class Hooks {
  private final ProcessRunner runner;
  private final Diagnostics diagnostics;

  public Hooks(ProcessRunner runner, Diagnostics diagnostics) {
    this.runner = runner;
    this.diagnostics = diagnostics;
  }

  /** Runs the hook in the worktree; its output goes to stderr. A non-zero exit is an error. */
  public void run(String hook, String script, Path dir, Map<String, String> env) {
    if (script == null || script.isBlank()) {
      return;
    }
    diagnostics.info("Running " + hook + " hook…");
    ProcessResult result = runner.run(Cmd.of(dir, "sh", "-c", script).withEnv(env));
    if (!result.stdout().isBlank()) {
      diagnostics.info(result.stdout().stripTrailing());
    }
    if (!result.stderr().isBlank()) {
      diagnostics.info(result.stderr().stripTrailing());
    }
    if (!result.ok()) {
      throw new HnException(hook + " hook failed with exit code " + result.exitCode());
    }
  }
}
