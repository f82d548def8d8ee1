package io.hannahanna.hn.checkup;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.compose.ComposeProjects;
import io.hannahanna.hn.compose.Docker;
import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.ports.LegacyRegistryImport;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.SubnetAllocation;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RepositoryStore;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * `hn doctor`'s checks of hn's surroundings: git, Docker, compose, the registry, its repositories,
 * ports taken by other programs, worktrees whose folder is gone, projects no worktree owns. A check
 * that cannot run is a finding too, never an error of the whole checkup.
 */
@Singleton
public class Doctor {
  private final Workspace workspace;
  private final Worktrees worktrees;
  private final Database database;
  private final RepositoryStore repositories;
  private final PortRegistry registry;
  private final Docker docker;
  private final ComposeProjects projects;
  private final EngineInventory inventory;
  private final ProcessRunner runner;
  private final EngineChecks engines;

  public Doctor(
      Workspace workspace,
      Worktrees worktrees,
      Database database,
      RepositoryStore repositories,
      PortRegistry registry,
      Docker docker,
      ComposeProjects projects,
      EngineInventory inventory,
      ProcessRunner runner,
      EngineChecks engines) {
    this.engines = engines;
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.database = database;
    this.repositories = repositories;
    this.registry = registry;
    this.docker = docker;
    this.projects = projects;
    this.inventory = inventory;
    this.runner = runner;
  }

  /** Every check, in the order the report shows them. */
  public List<Check> run() {
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
    checks.addAll(engines.run());
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
                  : new Check("registry", Check.Status.FAIL, detail, "run 'hn registry repair'");
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
                      Check.Status.WARN,
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
                      Check.Status.WARN,
                      "in use by another program (or the worktree's own containers): "
                          + String.join(", ", taken),
                      "stop that program or run 'hn ports reassign <worktree>'");
            },
            ""));
    checks.add(check("subnets", this::subnets, "start Docker to check"));
    List<Worktree> all = worktrees.list();
    List<String> gone = all.stream().filter(Worktree::missing).map(Worktree::name).toList();
    checks.add(
        gone.isEmpty()
            ? ok("worktrees", all.size() + " worktrees, all folders present")
            : new Check(
                "worktrees",
                Check.Status.WARN,
                "folder gone: " + String.join(", ", gone),
                "run 'hn prune'"));
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
                      Check.Status.WARN,
                      "no worktree owns: " + String.join(", ", orphans),
                      "run 'hn docker prune'");
            },
            "start Docker to check"));
    return checks;
  }

  /** Allocated subnets that a network of another project on the engine now uses. */
  private Check subnets() {
    List<SubnetAllocation> allocated = registry.subnets();
    if (allocated.isEmpty()) {
      return ok("subnets", "none allocated");
    }
    List<Docker.EngineNetwork> networks = docker.networks();
    java.util.Map<String, String> projectOf = new java.util.HashMap<>();
    worktrees.list().forEach(w -> projectOf.putIfAbsent(w.name(), projects.project(w).name()));
    List<String> taken = new ArrayList<>();
    Set<String> worktreesToMove = new java.util.TreeSet<>();
    for (SubnetAllocation a : allocated) {
      String own = projectOf.getOrDefault(a.worktree(), "");
      for (Docker.EngineNetwork n : networks) {
        if (!n.project().equals(own) && n.subnets().stream().anyMatch(a.subnet()::overlaps)) {
          taken.add(
              a.worktree()
                  + "/"
                  + a.network()
                  + " "
                  + a.subnet()
                  + " (network '"
                  + n.name()
                  + "')");
          worktreesToMove.add(a.worktree());
        }
      }
    }
    return taken.isEmpty()
        ? ok("subnets", allocated.size() + " allocated, none used by another network")
        : new Check(
            "subnets",
            Check.Status.WARN,
            "used by another network on the engine: " + String.join(", ", taken),
            String.join(
                "; ",
                worktreesToMove.stream()
                    .map(w -> "hn docker start " + w + " moves it to a free subnet")
                    .toList()));
  }

  private static Check ok(String name, String detail) {
    return new Check(name, Check.Status.OK, detail, "");
  }

  private static Check check(String name, Supplier<Check> probe, String fix) {
    try {
      return probe.get();
    } catch (HnException e) {
      boolean dockerOnly = !name.equals("git") && !name.equals("registry");
      return new Check(
          name, dockerOnly ? Check.Status.WARN : Check.Status.FAIL, e.getMessage(), fix);
    }
  }
}
