package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.compose.ComposeProjects;
import io.hannahanna.hn.compose.Docker;
import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.ports.LegacyRegistryImport;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RepositoryStore;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check hn's surroundings, one line each with what to do when something is wrong: git,",
      "Docker CLI and daemon, compose, the registry file, ports taken by other programs,",
      "worktrees whose folder is gone, compose projects no worktree owns. Exit 1 on a failure.",
      "JSON: {\"checks\": [{name, status (ok|warn|fail), detail, fix}]}"
    },
    footer = {"", "Example:", "  hn doctor"})
public class DoctorCommand implements Callable<Integer> {
  private final Workspace workspace;
  private final Worktrees worktrees;
  private final Database database;
  private final RepositoryStore repositories;
  private final PortRegistry registry;
  private final Docker docker;
  private final ComposeProjects projects;
  private final EngineInventory inventory;
  private final ProcessRunner runner;
  private final Terminal terminal;

  @Spec CommandSpec spec;
  @Mixin JsonOutput json;

  public DoctorCommand(
      Workspace workspace,
      Worktrees worktrees,
      Database database,
      RepositoryStore repositories,
      PortRegistry registry,
      Docker docker,
      ComposeProjects projects,
      EngineInventory inventory,
      ProcessRunner runner,
      Terminal terminal) {
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.database = database;
    this.repositories = repositories;
    this.registry = registry;
    this.docker = docker;
    this.projects = projects;
    this.inventory = inventory;
    this.runner = runner;
    this.terminal = terminal;
  }

  /** One finding. */
  public record Check(String name, String status, String detail, String fix) {}

  @Override
  public Integer call() {
    Repo repo = workspace.repo();
    List<Check> checks = new ArrayList<>();
    checks.add(
        check(
            "git",
            () -> ok("git", runner.run(Cmd.of(null, "git", "--version")).stdout().strip()),
            "install git"));
    checks.add(
        check(
            "docker cli",
            () -> ok("docker cli", docker.run("run docker", "--version").strip()),
            "install Docker"));
    checks.add(
        check(
            "docker daemon",
            () ->
                ok(
                    "docker daemon",
                    "server "
                        + docker
                            .run("reach Docker", "version", "--format", "{{.Server.Version}}")
                            .strip()),
            "start Docker or fix DOCKER_HOST"));
    checks.add(
        check(
            "compose",
            () -> {
              List<String> argv = new ArrayList<>(projects.composeArgv());
              argv.add("version");
              return ok(
                  "compose",
                  String.join(" ", argv.subList(0, argv.size() - 1))
                      + ": "
                      + runner
                          .run(Cmd.of(null, argv))
                          .stdout()
                          .lines()
                          .findFirst()
                          .orElse("")
                          .strip());
            },
            "install the compose plugin or docker-compose, or set docker.compose_command"));
    checks.add(
        check(
            "registry",
            () -> {
              Database.Health health = database.health();
              boolean legacy =
                  Files.exists(repo.stateDir().resolve(LegacyRegistryImport.FILE_NAME))
                      || Files.exists(
                          repo.root().resolve(".wt-state").resolve(LegacyRegistryImport.FILE_NAME));
              String detail =
                  database.file()
                      + ", schema "
                      + health.version()
                      + ", integrity "
                      + health.integrity()
                      + (legacy ? ", old YAML registry present (imported on next use)" : "");
              return "ok".equals(health.integrity())
                  ? ok("registry", detail)
                  : new Check("registry", "fail", detail, "run 'hn registry repair'");
            },
            "run 'hn registry repair'"));
    checks.add(
        check(
            "repositories",
            () -> {
              List<RepositoryStore.Held> gone =
                  repositories.all().stream()
                      .filter(r -> !Files.isDirectory(Path.of(r.rootPath()).resolve(".git")))
                      .toList();
              return gone.isEmpty()
                  ? ok("repositories", "every repository in the registry exists")
                  : new Check(
                      "repositories",
                      "warn",
                      "rows of repositories that no longer exist: "
                          + String.join(
                              ", ",
                              gone.stream()
                                  .map(
                                      r ->
                                          r.rootPath()
                                              + " ("
                                              + r.worktrees()
                                              + " worktrees, "
                                              + r.ports()
                                              + " ports)")
                                  .toList()),
                      String.join(
                          "; ",
                          gone.stream().map(r -> "hn registry forget " + r.rootPath()).toList()));
            },
            ""));
    checks.add(
        check(
            "ports",
            () -> {
              List<String> taken =
                  registry.list().stream()
                      .filter(registry::takenByOthers)
                      .map(a -> a.worktree() + "/" + a.service() + ":" + a.hostPort())
                      .toList();
              return taken.isEmpty()
                  ? ok(
                      "ports", registry.list().size() + " allocated, none taken by another program")
                  : new Check(
                      "ports",
                      "warn",
                      "in use by another program (or the worktree's own containers): "
                          + String.join(", ", taken),
                      "stop that program or run 'hn ports reassign <worktree>'");
            },
            ""));
    List<Worktree> all = worktrees.list();
    List<String> gone = all.stream().filter(Worktree::missing).map(Worktree::name).toList();
    checks.add(
        gone.isEmpty()
            ? ok("worktrees", all.size() + " worktrees, all folders present")
            : new Check(
                "worktrees", "warn", "folder gone: " + String.join(", ", gone), "run 'hn prune'"));
    checks.add(
        check(
            "compose projects",
            () -> {
              Set<String> live = worktrees.liveNames();
              List<String> orphans =
                  inventory.prune(live, true, false).stream()
                      .map(p -> p.project().isEmpty() ? p.worktree() : p.project())
                      .toList();
              return orphans.isEmpty()
                  ? ok("compose projects", "every hn project has its worktree")
                  : new Check(
                      "compose projects",
                      "warn",
                      "no worktree owns: " + String.join(", ", orphans),
                      "run 'hn docker prune'");
            },
            "start Docker to check"));
    print(checks);
    return checks.stream().anyMatch(c -> c.status().equals("fail"))
        ? ExitCode.FAILURE
        : ExitCode.OK;
  }

  private static Check ok(String name, String detail) {
    return new Check(name, "ok", detail, "");
  }

  private static Check check(String name, Supplier<Check> probe, String fix) {
    try {
      return probe.get();
    } catch (HnException e) {
      boolean dockerOnly = !name.equals("git") && !name.equals("registry");
      return new Check(name, dockerOnly ? "warn" : "fail", e.getMessage(), fix);
    }
  }

  private void print(List<Check> checks) {
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.write(out, Map.of("checks", checks));
      return;
    }
    Table table = new Table().paint(0, terminal::verdict);
    for (Check c : checks) {
      table.row(
          c.status().toUpperCase(java.util.Locale.ROOT),
          c.name(),
          c.detail() + (c.fix().isEmpty() || c.status().equals("ok") ? "" : " → " + c.fix()));
    }
    table.print(out);
  }
}
