package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.Templates;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.Git;
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
  private final Git git;
  private final ProxyUrls proxy;
  private final EngineTarget engine;

  public WorktreeVariables(
      Workspace workspace,
      PortRegistry registry,
      ComposeProjects projects,
      Git git,
      ProxyUrls proxy,
      EngineTarget engine) {
    this.proxy = proxy;
    this.engine = engine;
    this.workspace = workspace;
    this.registry = registry;
    this.projects = projects;
    this.git = git;
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
      String name = variable("WT_PORTS_", a.service());
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
    List<PortAllocation> allocations = registry.show(worktree.name());
    Map<String, String> env = variables(workspace.repo(), worktree, allocations);
    if (!allocations.isEmpty()) {
      env.putAll(proxy.urls(worktree.name()).env());
    }
    return env;
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
    if (!allocations.isEmpty()) {
      env.put("WT_HOST", engine.host()); // where the ports are published
      if (engine.remote()) {
        env.putAll(remoteUrls(allocations)); // the proxy routes to local stacks only
      }
    }
    if (engine.context() != null) {
      env.put("DOCKER_CONTEXT", engine.context()); // plain docker commands reach the same engine
    }
    env.putAll(environment(repo, worktree, allocations, addresses));
    return env;
  }

  /** A service's variable: `WT_PORTS_` + `web-api` is `WT_PORTS_WEB_API`. */
  static String variable(String prefix, String service) {
    return prefix + service.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /** `WT_URL_<SERVICE>`: each service's first TCP port at the remote engine's host. */
  private Map<String, String> remoteUrls(List<PortAllocation> allocations) {
    Map<String, String> urls = new LinkedHashMap<>();
    for (PortAllocation a : allocations) {
      if (a.protocol() == io.hannahanna.hn.ports.Protocol.TCP) {
        urls.putIfAbsent(
            variable("WT_URL_", a.service()), "http://" + engine.host() + ":" + a.hostPort());
      }
    }
    return urls;
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

  /** The first line of every env file hn writes: how hn knows a file there is its own. */
  static final String ENV_FILE_HEADER =
      "# written by hn for docker.env_file; hn rewrites it on hn add and hn docker start";

  /**
   * `docker.env_file`: the variables as a dotenv file in the worktree, for apps run on the host,
   * kept out of git through the repository's info/exclude. The name comes from the repository, so
   * hn writes only a file of its own: never into `.git`, never over a tracked file or one it did
   * not write.
   */
  void writeEnvFile(Repo repo, Worktree worktree, List<PortAllocation> allocations)
      throws IOException {
    String name = projects.config().envFile();
    if (name == null) {
      return;
    }
    Path file = RepositoryPaths.noLinkOut(worktree.path(), name, "docker.env_file");
    String refusal = envFileRefusal(worktree.path(), file);
    if (refusal != null) {
      throw new HnException(
          "docker.env_file '"
              + name
              + "' is "
              + refusal
              + "; hn writes only a file of its own there, so name a new file in "
              + repo.configFile().getFileName()
              + ".");
    }
    Files.createDirectories(file.getParent());
    OwnerOnlyFile.write(
        file,
        ENV_FILE_HEADER + "\n" + EnvFormat.DOTENV.render(variables(repo, worktree, allocations)));
    GitExclude.add(repo.root(), worktree.path(), file);
  }

  /** Why hn may not write the env file there; null when it may. */
  private String envFileRefusal(Path worktree, Path file) throws IOException {
    for (Path part : worktree.relativize(file)) {
      if (part.toString().equalsIgnoreCase(".git")) {
        return "git's own metadata (.git)";
      }
    }
    if (!git.output(
            worktree,
            "--literal-pathspecs",
            "ls-files",
            "-z",
            "--",
            worktree.relativize(file).toString())
        .isEmpty()) {
      return "a file git tracks";
    }
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            || !firstLine(file).equals(ENV_FILE_HEADER))) {
      return "a file hn did not write";
    }
    return null;
  }

  private static String firstLine(Path file) throws IOException {
    try (java.io.BufferedReader reader = Files.newBufferedReader(file)) {
      String line = reader.readLine();
      return line == null ? "" : line;
    } catch (java.nio.charset.MalformedInputException e) {
      return "";
    }
  }
}
