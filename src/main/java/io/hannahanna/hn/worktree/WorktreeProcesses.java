package io.hannahanna.hn.worktree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Programs left running in a worktree (dev servers, watchers, agents): the user's own processes
 * whose working directory is inside its folder, as Linux's /proc shows them. Never another user's
 * process, never hn itself nor the shell (or anything else) that started it.
 */
public final class WorktreeProcesses {
  private WorktreeProcesses() {}

  /** A process found in a worktree. */
  public record Running(long pid, String command) {
    @Override
    public String toString() {
      return pid + " (" + command + ")";
    }
  }

  /** The user's processes working inside the folder, lowest pid first. */
  public static List<Running> inside(Path folder) {
    Path proc = Path.of("/proc");
    Optional<Object> me = uid(proc.resolve("self"));
    if (!Files.isDirectory(proc) || me.isEmpty()) {
      return List.of(); // not Linux: nothing hn can look at
    }
    Path root = Worktrees.real(folder);
    Set<Long> spared = hnAndItsAncestors();
    List<Running> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(p -> !spared.contains(p.pid()))
        .forEach(
            p -> {
              Path dir = proc.resolve(Long.toString(p.pid()));
              if (!uid(dir).equals(me)) {
                return; // another user's
              }
              try {
                Path cwd = Files.readSymbolicLink(dir.resolve("cwd"));
                if (cwd.startsWith(root)) {
                  found.add(new Running(p.pid(), command(p)));
                }
              } catch (IOException | SecurityException | UnsupportedOperationException e) {
                // gone meanwhile, or not ours to read
              }
            });
    found.sort(java.util.Comparator.comparingLong(Running::pid));
    return found;
  }

  /**
   * Stops the processes: SIGTERM, then SIGKILL for those still running after the grace period.
   * Returns those that were killed.
   */
  public static List<Running> stop(List<Running> processes, Duration grace) {
    List<ProcessHandle> handles = new ArrayList<>();
    for (Running r : processes) {
      ProcessHandle.of(r.pid()).ifPresent(handles::add);
    }
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    List<Running> killed = new ArrayList<>();
    for (ProcessHandle h : handles) {
      try {
        h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        h.destroyForcibly();
        killed.add(new Running(h.pid(), command(h)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        h.destroyForcibly();
      } catch (java.util.concurrent.ExecutionException e) {
        // it is gone
      }
    }
    return killed;
  }

  private static Set<Long> hnAndItsAncestors() {
    Set<Long> pids = new HashSet<>();
    Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
    while (p.isPresent()) {
      pids.add(p.get().pid());
      p = p.get().parent();
    }
    return pids;
  }

  private static Optional<Object> uid(Path procDir) {
    try {
      return Optional.ofNullable(Files.getAttribute(procDir, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String command(ProcessHandle p) {
    return p.info()
        .commandLine()
        .or(() -> p.info().command())
        .map(c -> c.length() > 80 ? c.substring(0, 77) + "…" : c)
        .orElse("?");
  }
}
