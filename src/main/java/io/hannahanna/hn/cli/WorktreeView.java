package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.worktree.Worktree;
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
    String url) {

  static WorktreeView of(
      Worktree w,
      List<PortView> ports,
      EngineInventory.Status docker,
      List<String> tags,
      String url) {
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
        url);
  }
}
