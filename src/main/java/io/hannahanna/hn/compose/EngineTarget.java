package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.InvalidInput;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.process.Cmd;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.process.ProcessRunner;
import io.hannahanna.hn.repo.RepositoryTrust;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.WorktreeStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Docker engine this invocation's stacks run on: the repository's docker.context (once trusted,
 * or from the user's own config), else whatever the shell's docker CLI would use. A pinned context
 * goes to every docker and compose process as DOCKER_CONTEXT with DOCKER_HOST emptied, so a shell
 * that points elsewhere (DOCKER_HOST, another current context) changes nothing.
 */
@RequestScoped
public class EngineTarget {
  private final Workspace workspace;
  private final RepositoryTrust trust;
  private final ProcessRunner runner;
  private final String program;
  private final WorktreeStore store;
  private String context;
  private boolean contextKnown;
  private String endpoint;
  private Map<String, String> pinnedWorktrees;
  private String selected;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  EngineTarget() {
    this(null, null, null, null, null);
  }

  @Inject
  public EngineTarget(
      Workspace workspace,
      RepositoryTrust trust,
      ProcessRunner runner,
      @ConfigProperty(name = "hn.docker", defaultValue = "docker") String program,
      WorktreeStore store) {
    this.store = store;
    this.workspace = workspace;
    this.trust = trust;
    this.runner = runner;
    this.program = program;
  }

  /**
   * From now on the engine of this worktree: its own context (hn add --context) if it has one, else
   * the repository's. Every per-worktree operation starts here (through its compose project).
   */
  public void select(String worktree) {
    if (pinnedWorktrees == null) {
      pinnedWorktrees = store.dockerContexts(workspace.repo());
    }
    use(worktree == null ? null : pinnedWorktrees.get(worktree));
  }

  /**
   * Every engine this repository's stacks may be on: null for the repository's own (docker.context,
   * else the shell's), then each other context a worktree is pinned to.
   */
  public List<String> engines() {
    select(null);
    Set<String> all = new LinkedHashSet<>();
    all.add(null);
    pinnedWorktrees.values().stream().sorted().filter(c -> !c.equals(context())).forEach(all::add);
    return new ArrayList<>(all);
  }

  /** From now on this context's engine (null: the repository's own). */
  public void use(String dockerContext) {
    if (!Objects.equals(dockerContext, selected)) {
      selected = dockerContext;
      endpoint = null; // another engine: its address is looked up again
    }
  }

  /** Refuses, in one sentence, a name that is not one of the docker CLI's contexts. */
  public void requireContext(String name) {
    if (!HnConfig.Engine.CONTEXT_NAME.matcher(name).matches()
        || !runner.run(Cmd.of(null, program, "context", "inspect", "--", name)).ok()) {
      throw new InvalidInput(
          "There is no docker context '"
              + name.replaceAll("\\p{Cntrl}", "?")
              + "'; 'docker context ls' lists them and 'docker context create' makes one.");
    }
  }

  /** Pins a worktree's stack to a context (hn add --context) and selects it from now on. */
  public void pin(String worktree, String name) {
    store.setDockerContext(workspace.repo(), worktree, name);
    pinnedWorktrees = null; // read again, this pin included
    select(worktree);
  }

  /** The pinned docker context, or null: the shell's engine. */
  public String context() {
    if (selected != null) {
      return selected;
    }
    if (!contextKnown) {
      contextKnown = true;
      try {
        context = trust.dockerContext(workspace.repo());
      } catch (HnException notInARepository) {
        context = null;
      }
    }
    return context;
  }

  /** What every docker and compose process gets. */
  public Map<String, String> env() {
    String pinned = context();
    return pinned == null ? Map.of() : Map.of("DOCKER_CONTEXT", pinned, "DOCKER_HOST", "");
  }

  /** The command with this engine's environment. */
  public Cmd on(Cmd cmd) {
    return cmd.withEnv(env());
  }

  /** The engine's address as the docker CLI has it: unix:///…, tcp://host:port, ssh://user@host. */
  public String endpoint() {
    if (endpoint == null) {
      String shells = System.getenv("DOCKER_HOST");
      if (context() == null && shells != null && !shells.isBlank()) {
        endpoint = shells;
      } else if (context() == null && DockerCliConfig.usesTheDefaultContext()) {
        endpoint = "unix:///var/run/docker.sock"; // what `default` means, without a process
      } else {
        ProcessResult inspected =
            runner.run(
                on(
                    Cmd.of(
                        null,
                        program,
                        "context",
                        "inspect",
                        "--format",
                        "{{.Endpoints.docker.Host}}")));
        if (!inspected.ok()) {
          throw DockerFailure.of("find the engine of docker context " + context(), inspected);
        }
        endpoint = inspected.stdout().strip();
      }
    }
    return endpoint;
  }

  /**
   * The host the engine publishes ports on: its address for tcp:// and ssh:// engines, localhost
   * for a local socket.
   */
  public String host() {
    return hostOf(endpoint());
  }

  static String hostOf(String endpoint) {
    if (!endpoint.contains("://")
        || endpoint.startsWith("unix:")
        || endpoint.startsWith("npipe:")) {
      return "localhost";
    }
    String host = URI.create(endpoint).getHost();
    return host == null || host.isEmpty() ? "localhost" : host;
  }

  /** Whether the engine runs on another host, which sees neither this machine's paths nor ports. */
  public boolean remote() {
    String host = host();
    return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }

  /**
   * Refuses, in one sentence, a project that bind-mounts a folder of this machine when the engine
   * runs on another host (unless docker.remote_paths: same says that host sees the same paths).
   */
  public void requireMountsItCanSee(Map<String, Object> resolved, Path checkout) {
    if (!remote() || workspace.repo().config().docker().engine().remotePathsSame()) {
      return;
    }
    RemoteBindMounts.first(resolved, checkout)
        .ifPresent(
            m -> {
              throw new HnException(
                  "Service '"
                      + m.service()
                      + "' mounts "
                      + m.source()
                      + " from this machine, but its engine ("
                      + (context() == null ? endpoint() : "docker context " + context())
                      + ") runs on "
                      + host()
                      + " and cannot see this machine's folders: use a named volume, or set"
                      + " docker.remote_paths: same if that host sees the same paths.");
            });
  }
}
