package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.ComposeCli;
import io.hannahanna.hn.compose.ComposeProjects;
import io.hannahanna.hn.compose.HealthChecks;
import io.hannahanna.hn.compose.ProjectLifecycle;
import io.hannahanna.hn.compose.ServiceAccess;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "docker",
    mixinStandardHelpOptions = true,
    description = {
      "Run each worktree's own Docker Compose project.",
      "Each worktree's Docker Compose project: its own name, its own host ports from the",
      "registry, and a compose file hn generates in .hn-state/worktrees/<name>/compose.yml."
    },
    footer = {
      "",
      "Examples:",
      "  hn docker start feat-x",
      "  hn docker logs feat-x web -f",
      "  hn docker exec feat-x db -- psql -U app"
    },
    subcommands = {
      DockerPsCommand.class,
      DockerHealthCommand.class,
      DockerPruneCommand.class,
      DockerVolumesCommand.class,
      DockerVolumeCommand.class,
      DockerSeedCommand.class
    })
public class DockerCommand {
  private final Worktrees worktrees;
  private final ProjectLifecycle lifecycle;
  private final ServiceAccess services;
  private final ComposeProjects projects;

  @Spec CommandSpec spec;

  @Mixin Output output;

  private final HealthChecks health;

  public DockerCommand(
      Worktrees worktrees,
      ProjectLifecycle lifecycle,
      ServiceAccess services,
      ComposeProjects projects,
      HealthChecks health) {
    this.worktrees = worktrees;
    this.lifecycle = lifecycle;
    this.services = services;
    this.projects = projects;
    this.health = health;
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Allocate ports, write the compose file and start the project (up -d).",
        "--wait: wait until every checked service is healthy (docker.healthcheck)."
      },
      footer = {
        "",
        "Examples:",
        "  hn docker start feat-x --wait",
        "  hn docker start feat   # a unique part of the name is enough",
        "  hn docker start feat-x --profile debug",
        "  hn docker start feat-x web db   # only these services"
      })
  int start(
      @Parameters(
              index = "0",
              paramLabel = "<worktree>",
              description = "Worktree name, or part of it.")
          String name,
      @Option(names = "--wait", description = "Wait for the services to be healthy.") boolean wait,
      @Option(
              names = "--keep-ports",
              description =
                  "Refuse to start when another program took one of the worktree's ports,"
                      + " instead of moving that service to a free port.")
          boolean keepPorts,
      @Option(
              names = "--profile",
              paramLabel = "<profile>",
              description = "Start the services of this compose profile too (repeatable).")
          List<String> profiles,
      @Parameters(
              index = "1..*",
              arity = "0..*",
              paramLabel = "<service>",
              description = "Start only these services.")
          List<String> services) {
    Worktree w = worktrees.find(name);
    lifecycle.up(
        w,
        keepPorts,
        profiles == null ? List.of() : profiles,
        services == null ? List.of() : services);
    info("Started " + projects.project(w).name() + ".");
    if (wait) {
      health.await(w);
      info("All services of '" + w.name() + "' are healthy.");
    }
    return ExitCode.OK;
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop the worktree's containers (they are kept).",
      footer = {"", "Example:", "  hn docker stop feat-x"})
  int stop(
      @Parameters(paramLabel = "<worktree>", description = "Worktree name, or part of it.")
          String name) {
    return lifecycle(name, lifecycle::stop, "Stopped");
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = "Restart the worktree's containers.",
      footer = {"", "Example:", "  hn docker restart feat-x"})
  int restart(
      @Parameters(paramLabel = "<worktree>", description = "Worktree name, or part of it.")
          String name) {
    return lifecycle(name, lifecycle::restart, "Restarted");
  }

  private int lifecycle(String name, java.util.function.Consumer<Worktree> action, String done) {
    Worktree w = worktrees.find(name);
    action.accept(w);
    info(done + " " + projects.project(w).name() + ".");
    return ExitCode.OK;
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description =
          "Show the worktree's container logs as they come (until the end, or Ctrl-C with -f).",
      footer = {
        "",
        "Examples:",
        "  hn docker logs feat-x web --tail 50",
        "  hn docker logs feat-x -f"
      })
  int logs(
      @Parameters(
              index = "0",
              paramLabel = "<worktree>",
              description = "Worktree name, or part of it.")
          String name,
      @Parameters(
              index = "1",
              arity = "0..1",
              paramLabel = "<service>",
              description = "Only this service.")
          String service,
      @Option(
              names = {"-f", "--follow"},
              description = "Keep streaming new output.")
          boolean follow,
      @Option(
              names = "--tail",
              paramLabel = "<n>",
              description = "Only the last <n> lines of each container.")
          Integer tail) {
    if (tail != null && tail < 0) {
      throw new ParameterException(
          spec.commandLine(), "--tail takes a number of lines, 0 or more; not " + tail + ".");
    }
    return services.logs(worktrees.find(name), service, follow, tail, attached());
  }

  @Command(
      name = "exec",
      mixinStandardHelpOptions = true,
      description = {
        "Run a command in a service's container; its output and exit code are passed through.",
        "Without a service: docker.default_service, or the project's only service."
      },
      footer = {
        "",
        "Examples:",
        "  hn docker exec feat-x db -- psql -U app -c 'select 1'",
        "  hn docker exec feat-x -- sh   # the default (or only) service"
      })
  int exec(
      @Parameters(
              index = "0",
              paramLabel = "<worktree>",
              description = "Worktree name, or part of it.")
          String name,
      @Parameters(
              index = "1",
              arity = "0..1",
              paramLabel = "<service>",
              description = "Service name (before --).")
          String service,
      @Parameters(
              index = "2..*",
              arity = "0..*",
              paramLabel = "<command>",
              description = "The command and its arguments (after --).")
          List<String> command) {
    Worktree w = worktrees.find(name);
    List<String> argv = new ArrayList<>(command == null ? List.of() : command);
    if (service != null && !serviceNamedBeforeDashes()) {
      argv.add(0, service); // picocli gave the command's first word to <service>
      service = null;
    }
    if (argv.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing the command: hn docker exec <worktree> [<service>] -- <command>");
    }
    if (service == null) {
      service = services.defaultService(w);
      info("hn: running in service " + service + ".");
    }
    return services.exec(w, service, argv, attached());
  }

  /**
   * Whether `hn docker exec` got a service before `--`: two words (worktree, service) between
   * `exec` and `--`; with no `--`, the second word always is the service.
   */
  private boolean serviceNamedBeforeDashes() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    int dashes = args.indexOf("--");
    if (dashes < 0) {
      return true;
    }
    int exec = args.subList(0, dashes).indexOf("exec");
    long words = args.subList(exec + 1, dashes).stream().filter(a -> !a.startsWith("-")).count();
    return words >= 2;
  }

  private ComposeCli.Output attached() {
    return new ComposeCli.Output(output.out(), output.err(), System.console() != null);
  }

  private void info(String message) {
    output.info(message);
  }
}
