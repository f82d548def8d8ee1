package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The host ports the main checkout's own project publishes (its `.env` values included), which a
 * worktree's new ports keep clear of so that a plain `docker compose up` there still works. For a
 * new worktree compose is asked at once, while it resolves the worktree's own project; otherwise
 * only when a new port is needed. None when the main checkout has no project that resolves.
 */
final class MainCheckoutPorts {
  private final ComposeCli compose;
  private final Supplier<Cmd> resolve;
  private ComposeCli.Pending pending;
  private boolean unresolvable;

  MainCheckoutPorts(ComposeCli compose, Supplier<Cmd> resolve, boolean askNow) {
    this.compose = compose;
    this.resolve = resolve;
    if (askNow) {
      ask();
    }
  }

  Set<Integer> get() {
    if (pending == null) {
      ask();
    }
    try {
      return unresolvable
          ? Set.of()
          : ComposeModel.parse(pending.output(), "the main checkout's compose project")
              .fixedHostPorts();
    } catch (HnException e) {
      return Set.of();
    }
  }

  /** Stops compose if its answer was not wanted. */
  void cancel() {
    if (pending != null) {
      pending.cancel();
    }
  }

  private void ask() {
    try {
      pending = compose.start(resolve.get(), "read the main checkout's compose project");
    } catch (HnException e) {
      unresolvable = true;
    }
  }
}
