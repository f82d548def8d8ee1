package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.Templates;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.GitExclude;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryPaths;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables of a worktree's environment: `WT_*` and its ports for hooks, `docker.env` rendered
 * for its containers, and all of them for `hn env` and the `docker.env_file` hn writes.
 */
@Singleton
public class WorktreeVariables {
  private final Workspace workspace;
  private final PortRegistry registry;
  private final ComposeProjects projects;

  public WorktreeVariables(Workspace workspace, PortRegistry registry, ComposeProjects projects) {
    this.workspace = workspace;
    this.registry = registry;
    this.projects = projects;
  }

  /**
   * `docker.env` with its templates filled in: worktree, branch, repository, ports, and the
   * networks' subnets and services' fixed addresses (`subnet.<network>`, `ip.<service>.<network>`).
   */
  Map<String, String> environment(
      Repo repo,
      Worktree worktree,
      List<PortAllocation> allocations,
      Map<String, String> addresses) {
    Map<String, String> values = templateValues(repo, worktree, allocations);
    values.putAll(addresses);
    Map<String, String> env = new LinkedHashMap<>();
    projects
        .config()
        .env()
        .forEach((k, v) -> env.put(k, Templates.render(v, values, "docker.env." + k)));
    return env;
  }

  /** The placeholders a template's files may use: worktree_name, branch, port.<service>… */
  public Map<String, String> templateValues(Worktree worktree) {
    return templateValues(workspace.repo(), worktree, registry.show(worktree.name()));
  }

  private static Map<String, String> templateValues(
      Repo repo, Worktree worktree, List<PortAllocation> allocations) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("worktree_name", worktree.name());
    values.put("branch", worktree.branch() == null ? "" : worktree.branch());
    values.put("repo_name", repo.name());
    for (PortAllocation a : allocations) {
      values.putIfAbsent("port." + a.service(), Integer.toString(a.hostPort()));
      values.putIfAbsent(
          "port." + a.service() + "." + a.containerPort(), Integer.toString(a.hostPort()));
    }
    return values;
  }

  /**
   * `WT_PORTS_<SERVICE>` (each service's first host port) and `WT_PORTS_<SERVICE>_<CONTAINER
   * PORT>`, for hooks and `hn env`.
   */
  public static Map<String, String> hookEnv(List<PortAllocation> allocations) {
    Map<String, String> env = new LinkedHashMap<>();
    for (PortAllocation a : allocations) {
      String name = "WT_PORTS_" + a.service().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
      env.putIfAbsent(name, Integer.toString(a.hostPort()));
      if (a.containerPort() > 0) {
        env.putIfAbsent(name + "_" + a.containerPort(), Integer.toString(a.hostPort()));
      }
    }
    return env;
  }

  /** What hooks get from Docker: the worktree's ports and WT_COMPOSE_PROJECT. */
  public Map<String, String> forHooks(Worktree worktree, List<PortAllocation> allocations) {
    Map<String, String> env = hookEnv(allocations);
    env.put("WT_COMPOSE_PROJECT", projects.project(worktree).name());
    return env;
  }

  /**
   * Everything a shell or an app on the host needs to reach the worktree's project: the hooks'
   * `WT_*` variables, its ports, `COMPOSE_PROJECT_NAME` and `COMPOSE_FILE` (so plain compose talks
   * to it), and the rendered `docker.env`.
   */
  public Map<String, String> variables(Worktree worktree) {
    return variables(workspace.repo(), worktree, registry.show(worktree.name()));
  }

  private Map<String, String> variables(
      Repo repo, Worktree worktree, List<PortAllocation> allocations) {
    Map<String, String> env = Worktrees.hookEnv(repo, worktree);
    env.putAll(hookEnv(allocations));
    ComposeProject project = projects.project(worktree);
    Map<String, String> addresses = addresses(project);
    addresses.forEach(
        (key, value) ->
            env.put(
                "WT_"
                    + key.replace('.', '_').toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_"),
                value));
    env.put("COMPOSE_PROJECT_NAME", project.name());
    env.put("COMPOSE_FILE", project.file().toString());
    env.putAll(environment(repo, worktree, allocations, addresses));
    return env;
  }

  /**
   * The subnets and fixed addresses of the worktree's project as hn last wrote its compose file
   * (none before that): `subnet.<network>` and `ip.<service>.<network>`.
   */
  private static Map<String, String> addresses(ComposeProject project) {
    if (!Files.isRegularFile(project.file())) {
      return new LinkedHashMap<>();
    }
    try {
      String yaml = Files.readString(project.file());
      return FixedSubnets.templateValues(
          ComposeModel.parse(yaml, project.file().toString()).document(), List.of());
    } catch (IOException e) {
      throw new HnException("Cannot read " + project.file() + ": " + e.getMessage() + ".", e);
    }
  }

  /**
   * `docker.env_file`: the variables as a dotenv file in the worktree, for apps run on the host,
   * kept out of git through the repository's info/exclude.
   */
  void writeEnvFile(Repo repo, Worktree worktree, List<PortAllocation> allocations)
      throws IOException {
    String name = projects.config().envFile();
    if (name == null) {
      return;
    }
    Path file = RepositoryPaths.noLinkOut(worktree.path(), name, "docker.env_file");
    Files.createDirectories(file.getParent());
    OwnerOnlyFile.write(file, EnvFormat.DOTENV.render(variables(repo, worktree, allocations)));
    GitExclude.add(repo.root(), worktree.path(), file);
  }
}
