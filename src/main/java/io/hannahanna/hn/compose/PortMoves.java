package io.hannahanna.hn.compose;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortHolder;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.ports.PortRequest;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a worktree's ports and its running containers could part: a port another program took while
 * the stack was down (moved before a start), and ports reassigned while it runs (its services
 * recreated on them).
 */
@Singleton
public class PortMoves {
  private final Workspace workspace;
  private final PortRegistry registry;
  private final ComposeCli compose;
  private final Docker docker;
  private final ComposeProjects projects;
  private final Diagnostics diagnostics;

  public PortMoves(
      Workspace workspace,
      PortRegistry registry,
      ComposeCli compose,
      Docker docker,
      ComposeProjects projects,
      Diagnostics diagnostics) {
    this.workspace = workspace;
    this.registry = registry;
    this.compose = compose;
    this.docker = docker;
    this.projects = projects;
    this.diagnostics = diagnostics;
  }

  /**
   * Before a start: a port the worktree holds that another program took while the stack was down
   * moves to a free one (one transaction), or, with keepPorts, hn refuses and says how to fix it.
   */
  void moveTakenByOthers(Worktree worktree, boolean keepPorts) {
    List<PortAllocation> takenPorts =
        registry.show(worktree.name()).stream().filter(registry::takenByOthers).toList();
    if (takenPorts.isEmpty()) {
      return; // the common case: no need to ask the engine
    }
    String project = projects.project(worktree).name();
    if (docker.containers(workspace.repo().root().toString()).stream()
        .anyMatch(c -> c.project().equals(project) && c.running())) {
      return; // its own containers hold its ports
    }
    for (PortAllocation taken : takenPorts) {
      if (keepPorts) {
        throw new HnException(
            taken.service()
                + "'s port "
                + taken.hostPort()
                + " is in use by "
                + holderOf(taken)
                + "; stop it, or give the service a new port with"
                + " 'hn ports reassign "
                + worktree.name()
                + " "
                + taken.service()
                + "' (hn docker start without --keep-ports does that itself).");
      }
      List<PortAllocation> before = registry.show(worktree.name());
      for (PortAllocation moved : registry.reassign(worktree.name(), taken.service())) {
        int old =
            before.stream()
                .filter(
                    p ->
                        p.service().equals(moved.service())
                            && p.containerPort() == moved.containerPort()
                            && p.protocol() == moved.protocol())
                .mapToInt(PortAllocation::hostPort)
                .findFirst()
                .orElse(0);
        diagnostics.info(
            moved.service()
                + ": "
                + old
                + " -> "
                + moved.hostPort()
                + (old == taken.hostPort() ? " (" + old + " is in use by another program)" : ""));
      }
    }
  }

  /** `listen tcp4 0.0.0.0:8080: bind: address already in use`, `Bind for 0.0.0.0:8080 failed…`. */
  private static final Pattern BIND_FAILURE =
      Pattern.compile(
          ":(\\d{1,5})(?:: bind: address already in use| failed: port is already allocated)");

  /**
   * After a start failed because the engine could not bind one of the worktree's ports (taken since
   * hn checked it: another hn sharing the engine, a program that started meanwhile), that service
   * moves to a free port. False when the failure was something else.
   */
  boolean moveAfterBindFailure(Worktree worktree, HnException failure) {
    Matcher m = BIND_FAILURE.matcher(String.valueOf(failure.getMessage()));
    if (!m.find()) {
      return false;
    }
    int port = Integer.parseInt(m.group(1));
    var taken =
        registry.show(worktree.name()).stream().filter(a -> a.hostPort() == port).findFirst();
    if (taken.isEmpty()) {
      return false;
    }
    for (PortAllocation moved : registry.reassign(worktree.name(), taken.get().service())) {
      diagnostics.info(
          moved.service()
              + ": "
              + port
              + " -> "
              + moved.hostPort()
              + " ("
              + port
              + " was taken where the stack publishes its ports when it started)");
    }
    return true;
  }

  /** Who holds a port, as far as the engine or the system can tell. */
  private String holderOf(PortAllocation port) {
    return docker
        .containerPublishing(port.hostPort(), port.protocol())
        .map(name -> "container '" + name + "'")
        .or(() -> PortHolder.of(port.hostPort(), port.protocol()).map(PortHolder.Holder::toString))
        .orElse("another program");
  }

  /**
   * After `hn ports reassign`: those of the services that run are recreated on their new ports
   * (compose `up -d --no-deps`), so the registry never names a port the stack does not publish. A
   * stopped stack takes them at its next start. Returns the services recreated.
   */
  public List<String> recreateRunning(Worktree worktree, java.util.Collection<String> services) {
    ComposeProject project = projects.project(worktree);
    if (services.isEmpty() || !Files.exists(project.file())) {
      return List.of();
    }
    List<String> running;
    try {
      running =
          docker.containers(workspace.repo().root().toString()).stream()
              .filter(c -> c.project().equals(project.name()) && c.running())
              .map(Docker.Container::service)
              .filter(services::contains)
              .distinct()
              .toList();
    } catch (HnException e) {
      return List.of(); // no engine to ask: nothing of it runs here
    }
    if (!running.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("up", "-d", "--no-deps"));
      running.forEach(s -> args.add(PortRequest.validateService(s)));
      compose.run(
          compose.prepare(projects.composeCommand(), project, args.toArray(String[]::new)),
          "recreate " + String.join(", ", running) + " of " + project.name());
    }
    return running;
  }
}
