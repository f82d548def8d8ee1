package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.worktree.PausedContainers;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Copies one engine volume's content into another inside a short-lived helper container (`cp -a`,
 * so owners and modes stay). The containers that write to the source are paused meanwhile, so the
 * copy is consistent, and resumed afterwards: also when the copy fails, on Ctrl-C, and after a kill
 * (the next hn, from the note {@link PausedContainers} keeps).
 */
@Singleton
public class VolumeCopy {
  /** Labels hn's helper containers, so that nothing mistakes one for a worktree's. */
  static final String LABEL_HELPER = "io.hannahanna.hn.helper";

  private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Duration POLL = Duration.ofMillis(250);

  private final Docker docker;
  private final EngineVolumes volumes;
  private final ProcessRunner runner;
  private final Diagnostics diagnostics;

  public VolumeCopy(
      Docker docker, EngineVolumes volumes, ProcessRunner runner, Diagnostics diagnostics) {
    this.docker = docker;
    this.volumes = volumes;
    this.runner = runner;
    this.diagnostics = diagnostics;
  }

  /** What a copy moved. */
  public record Copied(long bytes, Duration took) {
    /** "412 MB in 3.1 s" */
    public String summary() {
      return String.format(Locale.ROOT, "%s in %.1f s", size(bytes), took.toMillis() / 1000.0);
    }
  }

  /**
   * Copies from into to (replacing what to holds when replace), pausing the running containers that
   * mount from. label: what the progress bar calls the copy.
   */
  public Copied copy(
      String from, String to, boolean replace, String image, Path stateRoot, String label) {
    long start = System.nanoTime();
    PausedContainers note = PausedContainers.begin(stateRoot);
    // also read by the shutdown hook, from another thread
    List<String> paused = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> helpers = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Ctrl-C: the JVM runs shutdown hooks, outside the invocation's scope, so the program is
    // looked up now
    Cmd program = docker.command(); // the program and its engine
    Thread resumeOnExit = new Thread(() -> resume(program, paused, helpers));
    Runtime.getRuntime().addShutdownHook(resumeOnExit);
    try {
      String helper =
          docker
              .run(
                  "start a helper container from " + image,
                  "run",
                  "-d",
                  "--rm",
                  "--label",
                  EffectiveCompose.LABEL_MANAGED + "=true",
                  "--label",
                  LABEL_HELPER + "=volume-copy",
                  "--network",
                  "none",
                  "-v",
                  valid(from) + ":/from:ro",
                  "-v",
                  valid(to) + ":/to",
                  "--entrypoint",
                  "sleep",
                  image,
                  "3600")
              .strip();
      note.helper(helper);
      helpers.add(helper);
      if (replace) {
        exec(
            helper,
            "empty " + to,
            "find",
            "/to",
            "-mindepth",
            "1",
            "-maxdepth",
            "1",
            "-exec",
            "rm",
            "-rf",
            "{}",
            "+");
      }
      for (String container : volumes.runningMounting(from)) {
        if (container.equals(helper)) {
          continue; // it mounts the source too
        }
        note.pausing(container);
        docker.run("pause a container that writes to " + from, "pause", container);
        paused.add(container);
      }
      ProcessRunner.Running size = runner.begin(execCmd(helper, "du", "-sk", "/from"));
      ProcessRunner.Running copy = runner.begin(execCmd(helper, "cp", "-a", "/from/.", "/to/"));
      long total = -1;
      while (diagnostics.onTerminal() && !copy.done()) {
        if (total < 0 && size.done()) {
          total = kilobytes(size.result());
        }
        showProgress(helper, label, total);
        sleep();
      }
      ProcessResult copied = copy.result();
      diagnostics.clearStatus();
      if (!copied.ok()) {
        throw DockerFailure.of("copy " + from + " to " + to, copied);
      }
      total = kilobytes(size.result());
      return new Copied(total * 1024, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      resume(program, paused, helpers);
      paused.clear();
      helpers.clear();
      note.end();
      try {
        Runtime.getRuntime().removeShutdownHook(resumeOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook resumes them
      }
    }
  }

  /** Resumes paused containers and removes helpers (what a killed hn left, too). */
  void resume(List<String> paused, List<String> helpers) {
    resume(docker.command(), paused, helpers);
  }

  /** Resumes the paused containers and removes the helpers; neither stops the other. */
  private void resume(Cmd program, List<String> paused, List<String> helpers) {
    if (!paused.isEmpty()) {
      runner.run(with(program, List.of("unpause"), paused));
    }
    if (!helpers.isEmpty()) {
      runner.run(with(program, List.of("rm", "-f"), helpers));
    }
  }

  private static Cmd with(Cmd program, List<String> verb, List<String> ids) {
    List<String> argv = new ArrayList<>(program.argv());
    argv.addAll(verb);
    argv.addAll(ids);
    return Cmd.of(null, argv).withEnv(program.env());
  }

  private void showProgress(String helper, String label, long totalKb) {
    if (totalKb <= 0) {
      diagnostics.status(label + "…");
      return;
    }
    ProcessResult done = runner.run(execCmd(helper, "du", "-sk", "/to"));
    long doneKb = done.ok() ? Math.min(kilobytes(done), totalKb) : 0;
    int width = 30;
    int filled = (int) (width * doneKb / totalKb);
    diagnostics.status(
        String.format(
            Locale.ROOT,
            "%s [%s%s] %s of %s",
            label,
            "#".repeat(filled),
            " ".repeat(width - filled),
            size(doneKb * 1024),
            size(totalKb * 1024)));
  }

  private void exec(String helper, String what, String... args) {
    ProcessResult result = runner.run(execCmd(helper, args));
    if (!result.ok()) {
      throw DockerFailure.of(what, result);
    }
  }

  private Cmd execCmd(String helper, String... args) {
    List<String> argv = new ArrayList<>(List.of("exec", helper));
    argv.addAll(List.of(args));
    return docker.command(argv.toArray(String[]::new));
  }

  private static long kilobytes(ProcessResult du) {
    String first = du.stdout().strip().split("\\s+")[0];
    return du.ok() && first.matches("\\d+") ? Long.parseLong(first) : 0;
  }

  private static String valid(String volume) {
    if (!VOLUME.matcher(volume).matches()) {
      throw new HnException("'" + volume + "' is not a volume name hn copies.");
    }
    return volume;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HnException("Interrupted while copying a volume.", e);
    }
  }

  /** Bytes in the unit people read: "412 MB", "3.1 GB", "20 kB". */
  static String size(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L) {
      return (bytes / 1_000_000L) + " MB";
    }
    return Math.max(bytes / 1000L, bytes > 0 ? 1 : 0) + " kB";
  }
}
