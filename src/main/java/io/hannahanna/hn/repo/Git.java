package io.hannahanna.hn.repo;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The git commands hn needs, each run as an argv list. */
@Singleton
public class Git {
  private final ProcessRunner runner;

  public Git(ProcessRunner runner) {
    this.runner = runner;
  }

  public ProcessResult run(Path dir, String... args) {
    return run(dir, java.util.Map.of(), args);
  }

  /** Runs git with extra environment (GIT_INDEX_FILE, say). */
  public ProcessResult run(Path dir, java.util.Map<String, String> env, String... args) {
    return runner.run(
        Cmd.of(dir, Stream.concat(Stream.of("git"), Stream.of(args)).toList())
            .withEnv(java.util.Map.of("GIT_TERMINAL_PROMPT", "0", "LC_ALL", "C"))
            .withEnv(env));
  }

  /** Runs git and returns its trimmed stdout; a failure becomes git's own message. */
  public String output(Path dir, String... args) {
    return output(dir, java.util.Map.of(), args);
  }

  public String output(Path dir, java.util.Map<String, String> env, String... args) {
    ProcessResult result = run(dir, env, args);
    if (!result.ok()) {
      throw new HnException("git " + args[0] + " failed: " + result.errorLine());
    }
    return result.stdout().strip();
  }

  public List<GitWorktree> worktrees(Path dir) {
    // NUL-separated fields: a folder name with a newline cannot forge an entry
    String porcelain = output(dir, "worktree", "list", "--porcelain", "-z");
    List<GitWorktree> result = new ArrayList<>();
    for (String block : porcelain.split("\0\0")) {
      Path path = null;
      String head = null;
      String branch = null;
      boolean prunable = false;
      boolean locked = false;
      boolean bare = false;
      for (String line : block.split("\0")) {
        if (line.startsWith("worktree ")) {
          path = Path.of(line.substring("worktree ".length()));
        } else if (line.startsWith("HEAD ")) {
          head = line.substring("HEAD ".length());
        } else if (line.startsWith("branch ")) {
          branch = line.substring("branch ".length()).replaceFirst("^refs/heads/", "");
        } else if (line.startsWith("prunable")) {
          prunable = true;
        } else if (line.equals("locked") || line.startsWith("locked ")) {
          locked = true;
        } else if (line.equals("bare")) {
          bare = true;
        }
      }
      if (path != null && !bare) {
        result.add(new GitWorktree(path, head, branch, result.isEmpty(), prunable, locked));
      }
    }
    return result;
  }

  public boolean branchExists(Path dir, String branch) {
    return run(dir, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ok();
  }

  /** Counts of modified (tracked) and untracked files. */
  public StatusSummary status(Path worktree) {
    String porcelain = output(worktree, "status", "--porcelain");
    int modified = 0;
    int untracked = 0;
    for (String line : porcelain.split("\n")) {
      if (line.startsWith("??")) {
        untracked++;
      } else if (!line.isBlank()) {
        modified++;
      }
    }
    return new StatusSummary(modified, untracked);
  }

  /** A worktree's uncommitted state. */
  public record StatusSummary(int modified, int untracked) {
    public boolean clean() {
      return modified == 0 && untracked == 0;
    }

    @Override
    public String toString() {
      return clean() ? "clean" : modified + " modified, " + untracked + " untracked";
    }
  }
}
