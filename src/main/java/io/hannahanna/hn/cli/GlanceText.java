package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.worktree.WorktreeGlance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The compact symbols of `hn list` (their legend is in its --help). */
final class GlanceText {
  private GlanceText() {}

  /** "+1 ~2 ?3 !1": staged, modified, untracked, conflicted; empty when clean. */
  static String changes(WorktreeGlance.Glance glance) {
    if (glance == null || glance.status() == null) {
      return "";
    }
    Git.WorktreeStatus s = glance.status();
    List<String> parts = new ArrayList<>();
    add(parts, "+", s.staged());
    add(parts, "~", s.modified());
    add(parts, "?", s.untracked());
    add(parts, "!", s.conflicts());
    return String.join(" ", parts);
  }

  /** "↑2 ↓1" against the parent's branch; "=" when level; empty without one. */
  static String distance(WorktreeGlance.Glance glance) {
    if (glance == null || glance.status() == null || glance.status().ahead() == null) {
      return "";
    }
    Git.WorktreeStatus s = glance.status();
    List<String> parts = new ArrayList<>();
    add(parts, "↑", s.ahead());
    add(parts, "↓", s.behind());
    return parts.isEmpty() ? "=" : String.join(" ", parts);
  }

  /** The last commit's age in its largest unit: 40s, 5m, 3h, 2d, 6w, 1y. */
  static String age(WorktreeGlance.Glance glance) {
    if (glance == null || glance.lastCommit() == null) {
      return "";
    }
    long s = Math.max(0, Duration.between(glance.lastCommit(), Instant.now()).getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86_400) {
      return s / 3600 + "h";
    }
    if (s < 14 * 86_400) {
      return s / 86_400 + "d";
    }
    return s < 365 * 86_400 ? s / (7 * 86_400) + "w" : s / (365 * 86_400) + "y";
  }

  /** "docker: partial 2/3 ✗1": state, running of all containers, unhealthy ones. */
  static String stack(io.hannahanna.hn.compose.EngineInventory.Status s) {
    String text = "docker: " + s.state().id();
    if (s.total() > 0) {
      text += " " + s.running() + "/" + s.total();
    }
    return s.unhealthy() > 0 ? text + " ✗" + s.unhealthy() : text;
  }

  private static void add(List<String> parts, String symbol, int count) {
    if (count > 0) {
      parts.add(symbol + count);
    }
  }
}
