package io.hannahanna.hn.process;

import io.hannahanna.hn.HnException;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts external programs from an argv list, with no shell in between. */
@Singleton
public class ProcessRunner {

  /** Runs the program to its end and captures stdout and stderr. */
  public ProcessResult run(Cmd cmd) {
    return begin(cmd).result();
  }

  /**
   * Starts the program and returns at once, its output read as it comes: a program hn waits for
   * while it does other work. {@link Running#result()} waits for its end.
   */
  public Running begin(Cmd cmd) {
    ProcessBuilder builder = builder(cmd);
    Process process = start(builder, cmd);
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException(e);
    }
    return new Running(cmd, process, cmd.ownGroup() && builder.command().get(0).equals(SETSID));
  }

  /** A started program; its timeout counts from its start. */
  public final class Running {
    private final Cmd cmd;
    private final Process process;
    private final boolean group;
    private final long deadline;
    private final Drain stdout;
    private final Drain stderr;

    private Running(Cmd cmd, Process process, boolean group) {
      this.cmd = cmd;
      this.process = process;
      this.group = group;
      this.deadline = System.nanoTime() + cmd.timeout().toNanos();
      this.stdout = Drain.of(process.getInputStream());
      this.stderr = Drain.of(process.getErrorStream());
    }

    /** Waits for the program's end and returns what it printed; stops it at its timeout. */
    public ProcessResult result() {
      try {
        if (!process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          stop(process, group);
          throw new TimedOut(cmd);
        }
        return new ProcessResult(process.exitValue(), stdout.text(), stderr.text());
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new HnException("Interrupted while '" + cmd.program() + "' was running.", e);
      }
    }

    /** Whether the program has ended. */
    public boolean done() {
      return !process.isAlive();
    }

    /** Stops the program (and what it started) when its answer is no longer wanted. */
    public void cancel() {
      if (process.isAlive()) {
        stop(process, group);
      }
    }
  }

  /** Runs the program with hn's own stdin, stdout and stderr (a terminal stays a terminal). */
  public int runInteractive(Cmd cmd) {
    return await(start(builder(cmd).inheritIO(), cmd));
  }

  /**
   * Runs the program with hn's stdin, copying its output to the given writers as it comes, and
   * returns its exit code.
   */
  public int runStreaming(Cmd cmd, PrintWriter out, PrintWriter err) {
    Process process = start(builder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT), cmd);
    Thread errors = pump(process.getErrorStream(), err);
    Thread output = pump(process.getInputStream(), out);
    int exit = await(process);
    try {
      output.join();
      errors.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return exit;
  }

  private static int await(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static Thread pump(InputStream in, PrintWriter to) {
    Thread thread =
        new Thread(
            () -> {
              try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) > 0; ) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException ignored) {
                // the process went away
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** A program that ran past its timeout; it and what it started were stopped. */
  public static final class TimedOut extends HnException {
    private static final long serialVersionUID = 1L;

    TimedOut(Cmd cmd) {
      super("'" + cmd.program() + "' did not finish within " + cmd.timeout().toSeconds() + " s.");
    }
  }

  /** util-linux's setsid: the program leads a new session and process group (pgid = its pid). */
  private static final String SETSID =
      java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
          .filter(p -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(p)))
          .findFirst()
          .orElse(null);

  /**
   * Kills the process and its descendants; in a group of its own, the whole group too (which also
   * reaches what was left to init by a subshell).
   */
  private void stop(Process process, boolean ownGroup) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (ownGroup) {
      try {
        run(
            Cmd.of(null, "kill", "-KILL", "--", "-" + process.pid())
                .withTimeout(java.time.Duration.ofSeconds(10)));
      } catch (HnException e) {
        // no kill program: the descendants below are what can still be reached
      }
    }
    // the process first: a shell whose child died first would go on to its next command
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private static ProcessBuilder builder(Cmd cmd) {
    List<String> argv = new java.util.ArrayList<>(cmd.argv());
    if (cmd.ownGroup() && SETSID != null) {
      argv.add(0, SETSID);
    }
    ProcessBuilder builder = new ProcessBuilder(argv);
    if (cmd.dir() != null) {
      builder.directory(cmd.dir().toFile());
    }
    builder.environment().putAll(cmd.env());
    return builder;
  }

  private static Process start(ProcessBuilder builder, Cmd cmd) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new ProgramMissing(cmd.program(), e);
    }
  }

  /** Reads a stream on its own thread so that a full pipe never blocks the child. */
  private static final class Drain {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    private Drain(InputStream in) {
      thread =
          new Thread(
              () -> {
                try (in) {
                  in.transferTo(bytes);
                } catch (IOException ignored) {
                  // the process went away; what was read is kept
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    static Drain of(InputStream in) {
      return new Drain(in);
    }

    String text() throws InterruptedException {
      thread.join();
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
