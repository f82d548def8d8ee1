package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.compose.ProxyUrls;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description = {
      "List every worktree's compose project (or one's), its state and its ports.",
      "For every worktree (or the one named): compose project, state, running/total containers (as the engine",
      "reports them), ports and URL (hn proxy). JSON: {\"projects\": [{worktree, project, state, running, total,",
      "ports, url}]}"
    },
    footer = {"", "Examples:", "  hn docker ps", "  hn docker ps feat-x", "  hn docker ps --json"})
public class DockerPsCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final EngineInventory inventory;
  private final PortRegistry registry;
  private final ProxyUrls proxy;
  private static final ProxyUrls.Urls NO_URLS = new ProxyUrls.Urls(false, null, Map.of());

  @Mixin JsonOutput output;

  @Parameters(
      arity = "0..1",
      paramLabel = "<worktree>",
      description = "Only this worktree's project (its name, or part of it).")
  String name;

  public DockerPsCommand(
      Worktrees worktrees, EngineInventory inventory, PortRegistry registry, ProxyUrls proxy) {
    this.proxy = proxy;
    this.worktrees = worktrees;
    this.inventory = inventory;
    this.registry = registry;
  }

  @Override
  public Integer call() {
    inventory.containers(); // fails clearly when Docker is not reachable
    List<Worktree> all =
        name != null
            ? List.of(worktrees.find(name))
            : worktrees.list().stream().filter(w -> !w.main()).toList();
    Map<String, EngineInventory.Status> status = inventory.status(all, false);
    List<PortAllocation> ports = registry.list();
    Map<String, ProxyUrls.Urls> urls = proxy.urlsByWorktree();
    List<ProjectView> projects =
        all.stream()
            .map(
                w -> {
                  EngineInventory.Status s = status.get(w.name());
                  return new ProjectView(
                      w.name(),
                      s.project(),
                      s.state().id(),
                      s.running(),
                      s.total(),
                      ports.stream()
                          .filter(a -> a.worktree().equals(w.name()))
                          .map(PortView::of)
                          .toList(),
                      urls.getOrDefault(w.name(), NO_URLS).main(),
                      s.engine());
                })
            .toList();
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(Map.of("projects", projects));
      return ExitCode.OK;
    }
    printTable(out, projects);
    return ExitCode.OK;
  }

  private static void printTable(PrintWriter out, List<ProjectView> projects) {
    boolean anyUrl = projects.stream().anyMatch(p -> p.url() != null);
    Table table =
        anyUrl
            ? new Table().row("WORKTREE", "PROJECT", "STATE", "RUNNING", "PORTS", "URL")
            : new Table().row("WORKTREE", "PROJECT", "STATE", "RUNNING", "PORTS");
    for (ProjectView p : projects) {
      String ports =
          p.ports().stream()
              .map(v -> v.service() + ":" + v.hostPort())
              .collect(Collectors.joining(" "));
      String state = p.running() + "/" + p.total();
      if (anyUrl) {
        table.row(
            p.worktree(), p.project(), p.state(), state, ports, p.url() == null ? "-" : p.url());
      } else {
        table.row(p.worktree(), p.project(), p.state(), state, ports);
      }
    }
    table.print(out);
  }

  /** The JSON shape of one project in `hn docker ps --json`. */
  public record ProjectView(
      String worktree,
      String project,
      String state,
      int running,
      int total,
      List<PortView> ports,
      String url,
      String engine) {}
}
