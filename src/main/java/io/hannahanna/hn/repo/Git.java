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
    Cmd cmd =
        Cmd.of(dir, Stream.concat(Stream.of("git"), Stream.of(args)).toList())
            .withEnv(java.util.Map.of("GIT_TERMINAL_PROMPT", "0", "LC_ALL", "C"))
            .withEnv(env);
    ProcessResult result = runner.run(cmd);
    // another hn's git adding or removing a worktree at this moment: it is done within ms
    for (int retry = 0; retry < RETRIES && readWhileWorktreesChanged(result.stderr()); retry++) {
      try {
        Thread.sleep(RETRY_PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return result;
      }
      result = runner.run(cmd);
    }
    return result;
  }

  private static final int RETRIES = 20;
  private static final long RETRY_PAUSE_MS = 50;

  /**
   * Whether git failed on an entry of its worktree list (.git/worktrees/&lt;name&gt;) that another
   * git was writing or deleting at that moment: it reads an entry's files one by one, without a
   * lock.
   */
  static boolean readWhileWorktreesChanged(String stderr) {
    return RACED.matcher(stderr).find();
  }

  private static final java.util.regex.Pattern RACED =
      java.util.regex.Pattern.compile("failed to read '?[^\\n]*worktrees/[^/\\n]+/[a-zA-Z_]+'?:");

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

  /**
   * A worktree's files (staged, modified, untracked, conflicted) and how far its branch is ahead of
   * and behind another (its parent's); null distances when there is none to compare with.
   */
  public record WorktreeStatus(
      int staged, int modified, int untracked, int conflicts, Integer ahead, Integer behind) {}

  /**
   * Starts one `git status --porcelain=v2 --branch` in the worktree, with the parent's branch as
   * its upstream for this call only (so git counts ahead/behind against it); see {@link
   * #parseStatus}.
   */
  public ProcessRunner.Running beginStatus(Path worktree, String branch, String parentBranch) {
    List<String> argv = new java.util.ArrayList<>(List.of("git"));
    if (branch != null
        && parentBranch != null
        && !branch.equals(parentBranch)
        && !branch.contains("=")
        && !parentBranch.contains("=")) {
      argv.addAll(
          List.of(
              "-c",
              "branch." + branch + ".remote=.",
              "-c",
              "branch." + branch + ".merge=refs/heads/" + parentBranch));
    }
    argv.addAll(List.of("status", "--porcelain=v2", "--branch"));
    return runner.begin(
        Cmd.of(worktree, argv)
            .withEnv(java.util.Map.of("GIT_TERMINAL_PROMPT", "0", "LC_ALL", "C")));
  }

  /** Reads `git status --porcelain=v2 --branch`. */
  public static WorktreeStatus parseStatus(String porcelain) {
    int staged = 0;
    int modified = 0;
    int untracked = 0;
    int conflicts = 0;
    Integer ahead = null;
    Integer behind = null;
    for (String line : porcelain.split("\n")) {
      if (line.startsWith("# branch.ab ")) {
        String[] ab = line.substring("# branch.ab ".length()).split(" ");
        ahead = Integer.parseInt(ab[0].substring(1));
        behind = Integer.parseInt(ab[1].substring(1));
      } else if (line.startsWith("1 ") || line.startsWith("2 ")) {
        staged += line.charAt(2) != '.' ? 1 : 0;
        modified += line.charAt(3) != '.' ? 1 : 0;
      } else if (line.startsWith("u ")) {
        conflicts++;
      } else if (line.startsWith("? ")) {
        untracked++;
      }
    }
    return new WorktreeStatus(staged, modified, untracked, conflicts, ahead, behind);
  }

  /** When each commit was made, from one git process; commits given as full or short hashes. */
  public java.util.Map<String, java.time.Instant> commitTimes(
      Path dir, java.util.Collection<String> commits) {
    java.util.Map<String, java.time.Instant> times = new java.util.HashMap<>();
    List<String> wanted =
        commits.stream().filter(c -> c != null && c.matches("[0-9a-f]{4,64}")).distinct().toList();
    if (wanted.isEmpty()) {
      return times;
    }
    List<String> args =
        new java.util.ArrayList<>(List.of("log", "--no-walk=unsorted", "--format=%H %ct"));
    args.addAll(wanted);
    ProcessResult result = run(dir, args.toArray(String[]::new));
    for (String line : result.stdout().split("\n")) {
      String[] f = line.split(" ");
      if (f.length == 2) {
        for (String c : wanted) {
          if (f[0].startsWith(c)) {
            times.put(c, java.time.Instant.ofEpochSecond(Long.parseLong(f[1])));
          }
        }
      }
    }
    return times;
  }
}
