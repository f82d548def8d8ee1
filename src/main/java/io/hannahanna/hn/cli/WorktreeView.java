package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.WorktreeGlance;
import java.util.List;

/** The JSON shape of one worktree in `hn list --json` (field names are stable). */
public record WorktreeView(
    String name,
    String branch,
    String commit,
    String path,
    String parent,
    boolean main,
    boolean current,
    boolean missing,
    String createdAt,
    List<PortView> ports,
    DockerStatusView docker,
    List<String> tags,
    String url,
    Changes changes,
    Integer ahead,
    Integer behind,
    String lastCommitAt) {

  /** Uncommitted files by kind. */
  public record Changes(int staged, int modified, int untracked, int conflicts) {}

  static WorktreeView of(
      Worktree w,
      List<PortView> ports,
      EngineInventory.Status docker,
      List<String> tags,
      String url,
      WorktreeGlance.Glance glance) {
    Git.WorktreeStatus s = glance == null ? null : glance.status();
    return new WorktreeView(
        w.name(),
        w.branch(),
        w.commit(),
        w.path().toString(),
        w.parent(),
        w.main(),
        w.current(),
        w.missing(),
        w.createdAt() == null ? null : w.createdAt().toString(),
        ports,
        DockerStatusView.of(docker),
        tags,
        url,
        s == null ? null : new Changes(s.staged(), s.modified(), s.untracked(), s.conflicts()),
        s == null ? null : s.ahead(),
        s == null ? null : s.behind(),
        glance == null || glance.lastCommit() == null ? null : glance.lastCommit().toString());
  }
}
