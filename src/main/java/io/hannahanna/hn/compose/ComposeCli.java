package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.UserDirs;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import jakarta.enterprise.context.RequestScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds and runs compose commands. The compose command is found once: `HN_COMPOSE`, else
 * `docker.compose_command`, else `docker compose` (v2 plugin), else a standalone `docker-compose`;
 * what was detected is kept in the state folder until those programs change (see {@link
 * DetectedCompose}). Every call names the project, the file and the project directory.
 */
@RequestScoped
public class ComposeCli {
  private final ProcessRunner runner;
  private final Optional<String> override;
  private final String docker;
  private final Path kept;
  private List<String> command;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  ComposeCli() {
    this(null, Optional.empty(), null, (Path) null);
  }

  @jakarta.inject.Inject
  public ComposeCli(
      ProcessRunner runner,
      @ConfigProperty(name = "hn.compose") Optional<String> override,
      @ConfigProperty(name = "hn.docker", defaultValue = "docker") String docker,
      @ConfigProperty(name = "xdg.state.home") Optional<String> stateHome) {
    this(runner, override, docker, UserDirs.state(stateHome).resolve("hn/compose"));
  }

  /** Detecting every time (nothing kept). */
  public ComposeCli(ProcessRunner runner, Optional<String> override, String docker) {
    this(runner, override, docker, (Path) null);
  }

  /**
   * @param kept the file that keeps the detected command; null: detect every time
   */
  public ComposeCli(ProcessRunner runner, Optional<String> override, String docker, Path kept) {
    this.runner = runner;
    this.override = override.filter(s -> !s.isBlank());
    this.docker = docker;
    this.kept = kept;
  }

  /** The engine this invocation talks to; null where a test builds a ComposeCli of its own. */
  @jakarta.inject.Inject EngineTarget engine;

  private Cmd onEngine(Cmd cmd) {
    return engine == null ? cmd : engine.on(cmd);
  }

  /** The argv prefix of the compose command (e.g. [docker, compose] or [docker-compose]). */
  public List<String> command(String configured) {
    if (command == null) {
      command =
          override
              .or(() -> Optional.ofNullable(configured))
              .map(ComposeCli::words)
              .orElseGet(this::detect);
    }
    return command;
  }

  /** Every call names the project, its file and the worktree as project directory. */
  private static List<String> projectArgs(ComposeProject project) {
    return List.of(
        "-p",
        project.name(),
        "-f",
        project.file().toString(),
        "--project-directory",
        project.directory().toString());
  }

  /** A configured command is split on spaces into program and arguments; there is no shell. */
  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s+")).toList();
  }

  private List<String> detect() {
    if (kept == null) {
      return ask();
    }
    String fingerprint = DetectedCompose.fingerprint(docker);
    Optional<List<String>> known = DetectedCompose.read(kept, fingerprint);
    if (known.isPresent()) {
      return known.get();
    }
    List<String> found = ask();
    DetectedCompose.write(kept, fingerprint, found);
    return found;
  }

  private List<String> ask() {
    if (works(List.of(docker, "compose", "version"))) {
      return List.of(docker, "compose");
    }
    if (works(List.of("docker-compose", "version", "--short"))) {
      return List.of("docker-compose");
    }
    throw new ComposeUnavailable(
        "No Docker Compose found: install the compose plugin ('docker compose') or docker-compose,"
            + " or set docker.compose_command in .hannahanna.yml (or HN_COMPOSE).");
  }

  private boolean works(List<String> argv) {
    try {
      return runner.run(Cmd.of(null, argv)).ok();
    } catch (HnException e) {
      return false;
    }
  }

  /** The argv of `compose <args>` for a project, as a value: nothing runs yet. */
  public Cmd prepare(String configured, ComposeProject project, String... args) {
    List<String> argv = new ArrayList<>(command(configured));
    argv.addAll(projectArgs(project));
    argv.addAll(Arrays.asList(args));
    return onEngine(Cmd.of(project.directory(), argv));
  }

  /**
   * The argv that asks compose for a checkout's project as it resolves it, every profile included
   * so that every service that can run gets its ports. It runs in the checkout and names no project
   * directory: compose takes the folder of the first file, as it would on its own.
   */
  public Cmd prepareResolve(String configured, Path checkout, List<Path> files, String project) {
    List<String> argv = new ArrayList<>(command(configured));
    for (Path file : files) {
      argv.addAll(List.of("-f", file.toString()));
    }
    argv.addAll(List.of("-p", project, "--profile", "*", "config"));
    return onEngine(Cmd.of(checkout, argv));
  }

  /**
   * The argv prefix naming a project, for display; "docker compose" when nothing is detected yet.
   */
  public List<String> prepareQuietly(String configured, ComposeProject project) {
    List<String> argv;
    try {
      argv = new ArrayList<>(command(configured));
    } catch (HnException e) {
      argv = new ArrayList<>(List.of("docker", "compose"));
    }
    argv.addAll(projectArgs(project));
    return argv;
  }

  /** Runs a compose command and returns its output; a failure carries compose's own message. */
  public String run(Cmd cmd, String what) {
    ProcessResult result;
    try {
      result = runner.run(cmd);
    } catch (io.hannahanna.hn.process.ProgramMissing e) {
      throw new ComposeUnavailable(e.getMessage());
    }
    return output(result, what);
  }

  /** Starts a compose command that runs while hn does other work; see {@link Pending#output()}. */
  public Pending start(Cmd cmd, String what) {
    try {
      return new Pending(runner.begin(cmd), what);
    } catch (io.hannahanna.hn.process.ProgramMissing e) {
      throw new ComposeUnavailable(e.getMessage());
    }
  }

  /** A started compose command. */
  public static final class Pending {
    private final ProcessRunner.Running running;
    private final String what;

    private Pending(ProcessRunner.Running running, String what) {
      this.running = running;
      this.what = what;
    }

    /** Waits for it and returns its output; a failure carries compose's own message. */
    public String output() {
      return ComposeCli.output(running.result(), what);
    }

    public void cancel() {
      running.cancel();
    }
  }

  private static String output(ProcessResult result, String what) {
    if (!result.ok()) {
      throw DockerFailure.of(what, result);
    }
    return result.stdout();
  }

  /** Runs attached: on a terminal with hn's own terminal, else streaming to the writers. */
  public int runAttached(Cmd cmd, Output output) {
    return output.terminal()
        ? runner.runInteractive(cmd)
        : runner.runStreaming(cmd, output.out(), output.err());
  }

  /** Where an attached command's output goes. */
  public record Output(java.io.PrintWriter out, java.io.PrintWriter err, boolean terminal) {}
}
