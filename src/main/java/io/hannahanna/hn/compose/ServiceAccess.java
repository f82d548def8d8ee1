package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.PortRequest;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A running project's services from outside: their logs, and commands run in them. */
@Singleton
public class ServiceAccess {
  private final ComposeCli compose;
  private final ComposeProjects projects;

  public ServiceAccess(ComposeCli compose, ComposeProjects projects) {
    this.compose = compose;
    this.projects = projects;
  }

  public int logs(
      Worktree worktree, String service, boolean follow, Integer tail, ComposeCli.Output output) {
    List<String> args = new ArrayList<>(List.of("logs", "--no-color"));
    if (follow) {
      args.add("--follow");
    }
    if (tail != null) {
      args.addAll(List.of("--tail", tail.toString()));
    }
    if (service != null) {
      args.add(PortRequest.validateService(service));
    }
    return compose.runAttached(
        compose.prepare(
            projects.composeCommand(), projects.requireFile(worktree), args.toArray(String[]::new)),
        output);
  }

  /** The last lines a service logged, for reports; empty when they cannot be read. */
  public String lastLogLines(Worktree worktree, String service, int lines) {
    try {
      return compose.run(
          compose.prepare(
              projects.composeCommand(),
              projects.project(worktree),
              "logs",
              "--no-color",
              "--tail",
              Integer.toString(lines),
              service),
          "read the logs of " + service);
    } catch (HnException e) {
      return "";
    }
  }

  /**
   * The service `hn docker exec` runs in when none is named: docker.default_service, else the
   * project's only service; with several and no default, the error lists them.
   */
  public String defaultService(Worktree worktree) {
    String configured = projects.config().defaultService();
    if (configured != null) {
      return PortRequest.validateService(configured);
    }
    ComposeProject project = projects.requireFile(worktree);
    List<String> services;
    try {
      Object all =
          ComposeModel.parse(Files.readString(project.file()), project.file().toString())
              .document()
              .get("services");
      services =
          all instanceof Map<?, ?> map
              ? map.keySet().stream().map(String::valueOf).sorted().toList()
              : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (services.size() == 1) {
      return services.get(0);
    }
    throw new HnException(
        "Worktree '"
            + worktree.name()
            + "' has services "
            + String.join(", ", services)
            + "; name one ('hn docker exec "
            + worktree.name()
            + " <service> -- <command>') or set docker.default_service in .hannahanna.yml.");
  }

  public int exec(
      Worktree worktree, String service, List<String> command, ComposeCli.Output output) {
    List<String> args = new ArrayList<>(List.of("exec"));
    if (!output.terminal()) {
      args.add("-T");
    }
    args.add(PortRequest.validateService(service));
    args.addAll(command);
    return compose.runAttached(
        compose.prepare(
            projects.composeCommand(), projects.requireFile(worktree), args.toArray(String[]::new)),
        output);
  }
}
