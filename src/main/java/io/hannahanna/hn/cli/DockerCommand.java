package io.hannahanna.hn.cli;

import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.compose.ComposeCli;
import io.hannahanna.hn.compose.ComposeProjects;
import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.compose.HealthChecks;
import io.hannahanna.hn.compose.ProjectLifecycle;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "docker",
    mixinStandardHelpOptions = true,
    description = {
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
    subcommands = DockerVolumeCommand.class)
public class DockerCommand {
  private final Worktrees worktrees;
  private final ProjectLifecycle lifecycle;
  private final ComposeProjects projects;
  private final EngineInventory inventory;
  private final PortRegistry registry;

  @Spec CommandSpec spec;

  private final HealthChecks health;
  private final Terminal terminal;

  public DockerCommand(
      Worktrees worktrees,
      ProjectLifecycle lifecycle,
      ComposeProjects projects,
      EngineInventory inventory,
      PortRegistry registry,
      HealthChecks health,
      Terminal terminal) {
    this.worktrees = worktrees;
    this.terminal = terminal;
    this.lifecycle = lifecycle;
    this.projects = projects;
    this.inventory = inventory;
    this.registry = registry;
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
      name = "health",
      mixinStandardHelpOptions = true,
      description = {
        "The health of each service now, without waiting.",
        "JSON: {\"services\": [{service, state, health, detail, verdict}]}"
      },
      footer = {
        "",
        "Examples:",
        "  hn docker health feat-x",
        "  hn docker health feat-x --json | jq -r '.services[] | select(.verdict != \"healthy\") | .service'"
      })
  int health(
      @Parameters(paramLabel = "<worktree>", description = "Worktree name, or part of it.")
          String name,
      @Mixin JsonOutput json) {
    List<HealthChecks.ServiceHealth> services = health.check(worktrees.find(name));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.write(out, Map.of("services", services));
      return ExitCode.OK;
    }
    Table table =
        new Table()
            .row("SERVICE", "STATE", "HEALTH", "VERDICT", "DETAIL")
            .paint(3, terminal::verdict);
    services.forEach(
        h ->
            table.row(
                h.service(),
                h.state(),
                h.health().isEmpty() ? "-" : h.health(),
                h.verdict(),
                h.detail()));
    table.print(out);
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

  /** The JSON shape of one project in `hn docker ps --json`. */
  public record ProjectView(
      String worktree,
      String project,
      String state,
      int running,
      int total,
      List<PortView> ports) {}

  @Command(
      name = "ps",
      mixinStandardHelpOptions = true,
      description = {
        "For every worktree: compose project, state, running/total containers (as the engine",
        "reports them) and ports. JSON: {\"projects\": [{worktree, project, state, running, total, ports}]}"
      },
      footer = {"", "Examples:", "  hn docker ps", "  hn docker ps --json"})
  int ps(@Mixin JsonOutput json) {
    inventory.containers(); // fails clearly when Docker is not reachable
    List<Worktree> all = worktrees.list().stream().filter(w -> !w.main()).toList();
    Map<String, EngineInventory.Status> status = inventory.status(all, false);
    List<PortAllocation> ports = registry.list();
    List<ProjectView> projects =
        all.stream()
            .map(
                w -> {
                  EngineInventory.Status s = status.get(w.name());
                  return new ProjectView(
                      w.name(),
                      s.project(),
                      s.state(),
                      s.running(),
                      s.total(),
                      ports.stream()
                          .filter(a -> a.worktree().equals(w.name()))
                          .map(PortView::of)
                          .toList());
                })
            .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.write(out, Map.of("projects", projects));
      return ExitCode.OK;
    }
    Table table = new Table().row("WORKTREE", "PROJECT", "STATE", "RUNNING", "PORTS");
    for (ProjectView p : projects) {
      table.row(
          p.worktree(),
          p.project(),
          p.state(),
          p.running() + "/" + p.total(),
          p.ports().stream()
              .map(v -> v.service() + ":" + v.hostPort())
              .collect(Collectors.joining(" ")));
    }
    table.print(out);
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
    return lifecycle.logs(worktrees.find(name), service, follow, tail, attached());
  }

  @Command(
      name = "exec",
      mixinStandardHelpOptions = true,
      description =
          "Run a command in a service's container; its output and exit code are passed through.",
      footer = {"", "Example:", "  hn docker exec feat-x db -- psql -U app -c 'select 1'"})
  int exec(
      @Parameters(
              index = "0",
              paramLabel = "<worktree>",
              description = "Worktree name, or part of it.")
          String name,
      @Parameters(index = "1", paramLabel = "<service>", description = "Service name.")
          String service,
      @Parameters(
              index = "2..*",
              arity = "1..*",
              paramLabel = "<command>",
              description = "The command and its arguments (after --).")
          List<String> command) {
    return lifecycle.exec(worktrees.find(name), service, command, attached());
  }

  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description = {
        "Remove the containers and networks (with --volumes: volumes too) of this repository's",
        "hn projects whose worktree no longer exists. Never touches projects that are not hn's,",
        "another repository's, or shared volumes and networks. Prints the projects it cleaned.",
        "JSON: {\"pruned\": [{project, worktree, containers, networks, volumes}], \"dryRun\": bool}"
      },
      footer = {"", "Example:", "  hn docker prune --dry-run"})
  int prune(
      @Option(names = "--dry-run", description = "Only print what would be removed.")
          boolean dryRun,
      @Option(names = "--volumes", description = "Remove the orphans' per-worktree volumes too.")
          boolean volumes,
      @Mixin JsonOutput json) {
    List<EngineInventory.Pruned> pruned =
        inventory.prune(liveWorktrees(worktrees), dryRun, volumes);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.write(out, Map.of("pruned", pruned, "dryRun", dryRun));
      return ExitCode.OK;
    }
    pruned.forEach(p -> out.println(p.project().isEmpty() ? p.worktree() : p.project()));
    out.flush();
    info(
        pruned.isEmpty()
            ? "No orphaned Docker resources."
            : dryRun
                ? "Dry run: nothing was removed."
                : "Removed " + pruned.size() + " orphaned project(s).");
    return ExitCode.OK;
  }

  /** Names of the worktrees that still exist. */
  static java.util.Set<String> liveWorktrees(Worktrees worktrees) {
    return worktrees.list().stream()
        .filter(w -> !w.missing())
        .map(Worktree::name)
        .collect(Collectors.toSet());
  }

  @Command(
      name = "volumes",
      mixinStandardHelpOptions = true,
      description = {
        "The volumes of this repository's worktrees: worktree, in use, worktree still exists.",
        "JSON: {\"volumes\": [{name, worktree, inUse, worktreeExists}]}"
      },
      footer = {"", "Examples:", "  hn docker volumes", "  hn docker volumes --json"})
  int volumes(@Mixin JsonOutput json) {
    List<EngineInventory.Volume> volumes = inventory.volumes(liveWorktrees(worktrees));
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.write(out, Map.of("volumes", volumes));
      return ExitCode.OK;
    }
    Table table = new Table().row("VOLUME", "WORKTREE", "IN USE", "WORKTREE EXISTS");
    volumes.forEach(
        v ->
            table.row(
                v.name(),
                v.worktree(),
                v.inUse() ? "yes" : "no",
                v.worktreeExists() ? "yes" : "no"));
    table.print(out);
    return ExitCode.OK;
  }

  private ComposeCli.Output attached() {
    return new ComposeCli.Output(
        spec.commandLine().getOut(), spec.commandLine().getErr(), System.console() != null);
  }

  private void info(String message) {
    spec.commandLine().getErr().println(message);
    spec.commandLine().getErr().flush();
  }
}
