package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;

/**
 * The JSON shape of a worktree's project in `hn list --json` and `hn info --json`: {project, file,
 * state (running|partial|stopped|absent|unknown), running, total, unhealthy, composeCommand,
 * engine}.
 */
public record DockerStatusView(
    String project,
    String file,
    String state,
    int running,
    int total,
    int unhealthy,
    String composeCommand,
    String engine) {
  static DockerStatusView of(EngineInventory.Status s) {
    return s == null
        ? null
        : new DockerStatusView(
            s.project(),
            s.file(),
            s.state().id(),
            s.running(),
            s.total(),
            s.unhealthy(),
            s.composeCommand(),
            s.engine());
  }
}
