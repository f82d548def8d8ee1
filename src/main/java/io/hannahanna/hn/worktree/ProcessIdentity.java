package io.hannahanna.hn.worktree;

import java.time.Instant;
import java.util.Optional;

/**
 * An hn process as recorded in the database: its pid and when it started, since a pid alone is
 * reused once the process is gone.
 */
public record ProcessIdentity(long pid, String started) {

  public static ProcessIdentity current() {
    return of(ProcessHandle.current())
        .orElse(new ProcessIdentity(ProcessHandle.current().pid(), ""));
  }

  private static Optional<ProcessIdentity> of(ProcessHandle handle) {
    return handle
        .info()
        .startInstant()
        .map(Instant::toString)
        .map(s -> new ProcessIdentity(handle.pid(), s));
  }

  /** Whether this very process (same pid, same start) is still running. */
  public boolean alive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .flatMap(ProcessIdentity::of)
        .map(p -> started.isEmpty() || p.started().equals(started))
        .orElse(false);
  }
}
