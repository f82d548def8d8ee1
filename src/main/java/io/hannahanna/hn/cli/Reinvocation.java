package io.hannahanna.hn.cli;

import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * hn's own command line run again from inside a command (a workspace restore is a list of `hn add`,
 * `hn tag`, `hn docker start`): each in a thread of its own, so it gets a fresh invocation scope as
 * a new process would, and every rule of the command line holds (trust, name checks, no shell).
 */
@Singleton
public class Reinvocation {
  private final HnApplication application;

  public Reinvocation(HnApplication application) {
    this.application = application;
  }

  /** Runs `hn <argv>` writing to the given writers; returns its exit code. */
  public int run(List<String> argv, PrintWriter out, PrintWriter err) {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      return thread.submit(() -> application.run(argv.toArray(String[]::new), out, err)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } finally {
      thread.shutdownNow();
    }
  }
}
