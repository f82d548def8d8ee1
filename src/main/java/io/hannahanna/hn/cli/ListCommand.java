package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.compose.ProxyUrls;
import io.hannahanna.hn.ports.PortAllocation;
import io.hannahanna.hn.ports.PortRegistry;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.TagStore;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.WorktreeGlance;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "List the worktrees at a glance; '*' marks the one you are in.",
      "Each row: name, branch, commit, uncommitted files, distance to the parent's branch, age of",
      "the last commit, path, and with Docker the stack's state and URL:",
      "  +N staged  ~N modified  ?N untracked  !N conflicted   (empty: clean)",
      "  ↑N ahead of its parent  ↓N behind it  (= level with it)",
      "  age: 40s, 5m, 3h, 2d, 6w, 1y",
      "  docker: <state> <running>/<total>, ✗N unhealthy",
      "JSON: {\"worktrees\": [{name, branch, commit, path, parent, main, current, missing, createdAt,",
      "  ports, docker, tags, url, changes: {staged, modified, untracked, conflicts}, ahead, behind,",
      "  lastCommitAt}]} (ports and docker: when docker.enabled; url: through hn proxy)"
    },
    footer = {
      "",
      "Examples:",
      "  hn list --tree",
      "  hn list --watch",
      "  hn list --tag backend",
      "  hn list --json | jq -r '.worktrees[].path'"
    })
public class ListCommand implements Callable<Integer> {
  private final Worktrees worktrees;

  @Mixin JsonOutput output;

  @Option(names = "--tree", description = "Show each worktree under the one it was created from.")
  boolean tree;

  @Option(names = "--names", description = "Print only the names, one per line (for scripts).")
  boolean names;

  @Option(names = "--watch", description = "Redraw every 2 s on a terminal, until Ctrl-C.")
  boolean watch;

  @Option(
      names = "--tag",
      paramLabel = "<tag>",
      description = "Only the worktrees with this tag (see 'hn tag').")
  String tag;

  private final Workspace workspace;
  private final EngineInventory inventory;
  private final PortRegistry registry;
  private final TagStore tags;
  private final ProxyUrls proxy;
  private final WorktreeGlance glance;
  private final io.hannahanna.hn.Terminal terminal;

  public ListCommand(
      Worktrees worktrees,
      Workspace workspace,
      EngineInventory inventory,
      PortRegistry registry,
      TagStore tags,
      ProxyUrls proxy,
      WorktreeGlance glance,
      io.hannahanna.hn.Terminal terminal) {
    this.terminal = terminal;
    this.glance = glance;
    this.proxy = proxy;
    this.tags = tags;
    this.worktrees = worktrees;
    this.workspace = workspace;
    this.inventory = inventory;
    this.registry = registry;
  }

  @Override
  public Integer call() throws InterruptedException {
    workspace.defaultsOnConfigError();
    if (watch) {
      if (output.json() || names || !terminal.stdout()) {
        throw new io.hannahanna.hn.InvalidInput(
            "--watch redraws the table on a terminal; without one (or with --json or --names),"
                + " run hn list when you need it.");
      }
      while (true) {
        output.out().print("\033[H\033[2J"); // home, clear: the table drawn again in place
        show();
        Thread.sleep(WATCH_INTERVAL_MS);
      }
    }
    return show();
  }

  /** How often --watch redraws. */
  private static final long WATCH_INTERVAL_MS = 2000;

  private int show() {
    List<Worktree> all = worktrees.list();
    Map<String, List<String>> tagged =
        tag != null || output.json() ? tags.all(workspace.repo()) : Map.of();
    if (tag != null) {
      String wanted = TagStore.validate(tag);
      all =
          all.stream()
              .filter(w -> tagged.getOrDefault(w.name(), List.of()).contains(wanted))
              .toList();
    }
    if (names) {
      all.forEach(w -> output.result(w.name()));
      return ExitCode.OK;
    }
    boolean docker = workspace.repo().config().docker().enabled();
    List<PortAllocation> ports = docker ? registry.list() : List.of();
    Map<String, EngineInventory.Status> status =
        docker
            ? inventory.status(all.stream().filter(w -> !w.main()).toList(), output.json())
            : Map.of();
    Map<String, String> urls = urls(ports);
    Map<String, WorktreeGlance.Glance> glances = glance.of(all);
    if (output.json()) {
      output.printJson(Map.of("worktrees", views(all, ports, status, tagged, urls, glances)));
    } else {
      printTable(output.out(), all, docker, status, urls, glances);
    }
    return ExitCode.OK;
  }

  /** Each worktree's URL through the proxy: asked only when some worktree has ports. */
  private Map<String, String> urls(List<PortAllocation> ports) {
    Map<String, String> urls = new java.util.HashMap<>();
    if (!ports.isEmpty()) {
      proxy.urlsByWorktree().forEach((w, u) -> urls.put(w, u.main()));
    }
    return urls;
  }

  private static List<WorktreeView> views(
      List<Worktree> all,
      List<PortAllocation> ports,
      Map<String, EngineInventory.Status> status,
      Map<String, List<String>> tagged,
      Map<String, String> urls,
      Map<String, WorktreeGlance.Glance> glances) {
    return all.stream()
        .map(
            w ->
                WorktreeView.of(
                    w,
                    ports.stream()
                        .filter(a -> a.worktree().equals(w.name()))
                        .map(PortView::of)
                        .toList(),
                    status.get(w.name()),
                    tagged.getOrDefault(w.name(), List.of()),
                    urls.get(w.name()),
                    glances.get(w.name())))
        .toList();
  }

  private void printTable(
      PrintWriter out,
      List<Worktree> all,
      boolean docker,
      Map<String, EngineInventory.Status> status,
      Map<String, String> urls,
      Map<String, WorktreeGlance.Glance> glances) {
    Table table = new Table();
    List<Worktree> ordered = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (tree) {
      Set<String> names = all.stream().map(Worktree::name).collect(Collectors.toSet());
      for (Worktree root : all) {
        if (root.parent() == null || !names.contains(root.parent()) || root.main()) {
          addSubtree(all, root, "", "", ordered, labels);
        }
      }
    } else {
      ordered.addAll(all);
      all.forEach(w -> labels.add(w.name()));
    }
    for (int i = 0; i < ordered.size(); i++) {
      Worktree w = ordered.get(i);
      table.row(
          w.current() ? "*" : " ",
          labels.get(i),
          w.branch() == null ? "(detached)" : w.branch(),
          w.commit(),
          GlanceText.changes(glances.get(w.name())),
          GlanceText.distance(glances.get(w.name())),
          GlanceText.age(glances.get(w.name())),
          w.path() + (w.missing() ? " (missing)" : ""),
          docker && status.containsKey(w.name()) ? GlanceText.stack(status.get(w.name())) : "",
          urls.getOrDefault(w.name(), ""));
    }
    table.print(out);
  }

  private static void addSubtree(
      List<Worktree> all,
      Worktree node,
      String prefix,
      String childPrefix,
      List<Worktree> ordered,
      List<String> labels) {
    if (ordered.contains(node)) {
      return;
    }
    ordered.add(node);
    labels.add(prefix + node.name());
    List<Worktree> kids =
        all.stream().filter(w -> !w.main() && node.name().equals(w.parent())).toList();
    for (int i = 0; i < kids.size(); i++) {
      boolean last = i == kids.size() - 1;
      addSubtree(
          all,
          kids.get(i),
          childPrefix + (last ? "└── " : "├── "),
          childPrefix + (last ? "    " : "│   "),
          ordered,
          labels);
    }
  }
}
