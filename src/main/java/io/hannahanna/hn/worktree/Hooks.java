package io.hannahanna.hn.worktree;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryTrust;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the repository's hooks. Hooks are shell code written by the repository's authors, so they
 * are the one place where hn starts `sh -c`; they run only from a trusted config, and `--no-hooks`
 * skips them.
 */
@Singleton
public class Hooks {
  /** Without hooks.timeout a hook may run as long as it likes. */
  private static final Duration NO_LIMIT = Duration.ofDays(365);

  private final ProcessRunner runner;
  private final Diagnostics diagnostics;
  private final RepositoryTrust trust;

  public Hooks(ProcessRunner runner, Diagnostics diagnostics, RepositoryTrust trust) {
    this.runner = runner;
    this.diagnostics = diagnostics;
    this.trust = trust;
  }

  /**
   * Runs the point's hooks whose condition holds for the worktree, in file order, in the folder
   * given. Their output goes to stderr; the first that fails or passes its timeout is an error.
   */
  public void run(
      Repo repo, String point, String name, String branch, Path dir, Map<String, String> env) {
    HnConfig.Hooks hooks = repo.config().hooks();
    for (HnConfig.Hook hook : hooks.at(point)) {
      String script = trust.hook(repo, point, hook);
      if (script == null || !hook.appliesTo(name, branch)) {
        continue;
      }
      Duration limit = hook.timeout() != null ? hook.timeout() : hooks.timeout();
      diagnostics.info("Running " + point + " hook…");
      ProcessResult result;
      try {
        result =
            runner.run(
                Cmd.of(dir, "sh", "-c", script)
                    .withEnv(withHannahannaNames(env))
                    .withTimeout(limit == null ? NO_LIMIT : limit)
                    .inOwnProcessGroup());
      } catch (ProcessRunner.TimedOut e) {
        throw new HnException(
            point
                + " hook did not finish within "
                + io.hannahanna.hn.config.ConfigDocument.duration(limit)
                + "; hn killed it and everything it started in its process group (a program that"
                + " left the group, with setsid or as a daemon, is beyond hn's reach and may still"
                + " run; hooks.timeout in .hannahanna.yml sets the limit)");
      }
      if (!result.stdout().isBlank()) {
        diagnostics.info(result.stdout().stripTrailing());
      }
      if (!result.stderr().isBlank()) {
        diagnostics.info(result.stderr().stripTrailing());
      }
      if (!result.ok()) {
        throw new HnException(point + " hook failed with exit code " + result.exitCode());
      }
    }
  }

  /** Every `WT_*` variable also as hannahanna's `HNHN_*`, so its hook scripts run unchanged. */
  static Map<String, String> withHannahannaNames(Map<String, String> env) {
    Map<String, String> all = new LinkedHashMap<>(env);
    env.forEach(
        (key, value) -> {
          if (key.startsWith("WT_")) {
            all.putIfAbsent("HNHN_" + key.substring(3), value);
          }
        });
    return all;
  }
}
