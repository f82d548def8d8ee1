package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.process.ProgramMissing;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** `hn each`: one command (an argv, no shell) run in each chosen worktree. */
@Singleton
public class ForEachWorktree {
  /** The exit code a shell gives a command it cannot find. */
  public static final int NOT_FOUND = 127;

  private final Workspace workspace;
  private final Worktrees worktrees;
  private final TagStore tags;
  private final ProcessRunner runner;

  public ForEachWorktree(
      Workspace workspace, Worktrees worktrees, TagStore tags, ProcessRunner runner) {
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.tags = tags;
    this.runner = runner;
  }

  /**
   * Which worktrees, and how. filter: a glob on names; tag: null for any; only: the names allowed
   * (null: all), e.g. those whose stack runs.
   */
  public record EachRequest(
      List<String> argv,
      String filter,
      String tag,
      boolean includeMain,
      int parallel,
      boolean stopOnError,
      java.util.Set<String> only) {}

  /** Where one worktree's output goes: fresh writers, closed after its run (a prefixer, say). */
  public interface Streams {
    PrintWriter out(Worktree worktree);

    PrintWriter err(Worktree worktree);
  }

  /** One worktree's run; exitCode is null when it was skipped after a failure. */
  public record Outcome(Worktree worktree, Integer exitCode) {
    public boolean ok() {
      return exitCode != null && exitCode == 0;
    }
  }

  private static java.nio.file.PathMatcher glob(String filter) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + filter);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new io.hannahanna.hn.InvalidInput(
          "--filter '"
              + filter
              + "' is not a glob hn can read ("
              + e.getDescription()
              + "); use * and ? as wildcards, [abc] for one of a set.");
    }
  }

  public List<Worktree> chosen(String filter, String tag, boolean includeMain) {
    PathMatcher glob = filter == null ? null : glob(filter);
    Map<String, List<String>> tagged = tag == null ? Map.of() : tags.all(workspace.repo());
    String wanted = tag == null ? null : TagStore.validate(tag);
    return worktrees.list().stream()
        .filter(w -> !w.missing() && (includeMain || !w.main()))
        .filter(w -> glob == null || glob.matches(Path.of(w.name())))
        .filter(w -> wanted == null || tagged.getOrDefault(w.name(), List.of()).contains(wanted))
        .toList();
  }

  /** Runs the command in each chosen worktree, at most `parallel` at a time, in list order. */
  public List<Outcome> run(EachRequest request, Streams streams) {
    if (request.parallel() < 1) {
      throw new HnException("--parallel takes a number of 1 or more.");
    }
    List<Worktree> chosen =
        chosen(request.filter(), request.tag(), request.includeMain()).stream()
            .filter(w -> request.only() == null || request.only().contains(w.name()))
            .toList();
    Repo repo = workspace.repo();
    AtomicBoolean failed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(request.parallel());
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Worktree w : chosen) {
        futures.add(
            pool.submit(
                () -> {
                  if (request.stopOnError() && failed.get()) {
                    return new Outcome(w, null);
                  }
                  int exit = runOne(repo, w, request.argv(), streams);
                  if (exit != 0) {
                    failed.set(true);
                  }
                  return new Outcome(w, exit);
                }));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HnException("Interrupted while 'hn each' was running.", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private int runOne(Repo repo, Worktree w, List<String> argv, Streams streams) {
    try (PrintWriter out = streams.out(w);
        PrintWriter err = streams.err(w)) {
      try {
        return runner.runStreaming(
            Cmd.of(w.path(), argv).withEnv(Worktrees.hookEnv(repo, w)), out, err);
      } catch (ProgramMissing e) {
        err.println(e.getMessage());
        return NOT_FOUND;
      }
    }
  }
}
