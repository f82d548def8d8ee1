package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.compose.ProxyUrls;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.Git.StatusSummary;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Show a worktree: path, branch, commit, parent, children, git status and state directory.",
      "Without a name: the worktree you are in. Names match fuzzily (exact, any case, substring)."
    },
    footer = {"", "Examples:", "  hn info", "  hn info feat --json"})
public class InfoCommand implements Callable<Integer> {
  private final Worktrees worktrees;

  @Mixin JsonOutput output;

  @Parameters(
      paramLabel = "<name>",
      arity = "0..1",
      description = "Worktree name (default: the current one).")
  String name;

  private final Workspace workspace;
  private final EngineInventory inventory;
  private final PortRegistry registry;
  private final ProxyUrls proxy;

  public InfoCommand(
      Worktrees worktrees,
      Workspace workspace,
      EngineInventory inventory,
      PortRegistry registry,
      ProxyUrls proxy) {
    this.proxy = proxy;
    this.worktrees = worktrees;
    this.workspace = workspace;
    this.inventory = inventory;
    this.registry = registry;
  }

  /** The JSON shape of `hn info --json`. */
  public record InfoView(
      String name,
      String branch,
      String commit,
      String path,
      String parent,
      List<String> children,
      Status status,
      String stateDir,
      boolean main,
      boolean missing,
      String createdAt,
      List<PortView> ports,
      DockerStatusView docker,
      String url,
      Map<String, String> urls) {}

  /** A git status summary. */
  public record Status(boolean clean, int modified, int untracked) {}

  @Override
  public Integer call() {
    Worktree w = name == null ? worktrees.current() : worktrees.find(name);
    InfoView view = view(w);
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(view);
    } else {
      printText(out, w, view);
    }
    return ExitCode.OK;
  }

  private InfoView view(Worktree w) {
    StatusSummary status = worktrees.status(w);
    List<String> children = worktrees.children(w).stream().map(Worktree::name).toList();
    List<PortView> ports = registry.show(w.name()).stream().map(PortView::of).toList();
    boolean docker =
        !w.main() && (workspace.repo().config().docker().enabled() || !ports.isEmpty());
    EngineInventory.Status dockerStatus =
        docker ? inventory.status(List.of(w), true).get(w.name()) : null;
    ProxyUrls.Urls urls =
        ports.isEmpty() ? new ProxyUrls.Urls(false, null, Map.of()) : proxy.urls(w.name());
    return new InfoView(
        w.name(),
        w.branch(),
        w.commit(),
        w.path().toString(),
        w.parent(),
        children,
        new Status(status.clean(), status.modified(), status.untracked()),
        worktrees.stateDir(w).toString(),
        w.main(),
        w.missing(),
        w.createdAt() == null ? null : w.createdAt().toString(),
        ports,
        DockerStatusView.of(dockerStatus),
        urls.main(),
        urls.services());
  }

  private static void printText(PrintWriter out, Worktree w, InfoView view) {
    Status status = view.status();
    Table table = new Table();
    table
        .row("name:", view.name() + (w.main() ? " (main checkout)" : ""))
        .row("path:", view.path() + (w.missing() ? " (missing)" : ""))
        .row("branch:", view.branch() == null ? "(detached)" : view.branch())
        .row("commit:", view.commit())
        .row("parent:", view.parent())
        .row("children:", view.children().isEmpty() ? "none" : String.join(", ", view.children()))
        .row("status:", new StatusSummary(status.modified(), status.untracked()).toString())
        .row("state:", view.stateDir())
        .row("created:", view.createdAt());
    if (!view.ports().isEmpty()) {
      table.row(
          "ports:",
          view.ports().stream()
              .map(
                  p ->
                      p.service()
                          + " "
                          + p.hostPort()
                          + "->"
                          + p.containerPortText()
                          + "/"
                          + p.protocol())
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    DockerStatusView docker = view.docker();
    if (docker != null) {
      table
          .row(
              "docker:",
              docker.project()
                  + " "
                  + docker.state()
                  + " ("
                  + docker.running()
                  + "/"
                  + docker.total()
                  + " running)")
          .row("compose:", docker.composeCommand());
    }
    if (!view.ports().isEmpty()) {
      table.row(
          "url:",
          view.url() != null
              ? view.url()
              : "none yet: 'hn proxy start' gives each worktree its own URL");
    }
    table.print(out);
  }
}
