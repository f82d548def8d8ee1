package io.hannahanna.hn.worktree;

import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Workspace;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `hn list` shows of each worktree at a glance: its uncommitted files, how far its branch is
 * ahead of and behind its parent's, and when its last commit was made. One git process per
 * worktree, all started at once, and one for every commit's time.
 */
@Singleton
public class WorktreeGlance {
  private final Git git;
  private final Workspace workspace;

  public WorktreeGlance(Git git, Workspace workspace) {
    this.git = git;
    this.workspace = workspace;
  }

  /** One worktree at a glance; ahead and behind are null without a parent branch to compare. */
  public record Glance(Git.WorktreeStatus status, Instant lastCommit) {}

  public Map<String, Glance> of(List<Worktree> all) {
    Map<String, String> branches = new LinkedHashMap<>();
    all.forEach(w -> branches.put(w.name(), w.branch()));
    Map<String, ProcessRunner.Running> started = new LinkedHashMap<>();
    for (Worktree w : all) {
      if (!w.missing()) {
        String parentBranch = w.parent() == null ? null : branches.get(w.parent());
        started.put(
            w.name(), git.beginStatus(w.path(), w.branch(), w.main() ? null : parentBranch));
      }
    }
    Map<String, Instant> times =
        git.commitTimes(workspace.repo().root(), all.stream().map(Worktree::commit).toList());
    Map<String, Glance> glances = new LinkedHashMap<>();
    for (Worktree w : all) {
      ProcessRunner.Running status = started.get(w.name());
      Git.WorktreeStatus parsed = status == null ? null : Git.parseStatus(status.result().stdout());
      glances.put(w.name(), new Glance(parsed, times.get(w.commit())));
    }
    return glances;
  }
}
