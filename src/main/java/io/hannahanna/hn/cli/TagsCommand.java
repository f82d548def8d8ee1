package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.TagStore;
import io.hannahanna.hn.worktree.Worktrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "tags",
    mixinStandardHelpOptions = true,
    description = {
      "List the tags: each with the worktrees that have it, or one worktree's tags.",
      "hannahanna's spelling; 'hn tag' adds tags and 'hn untag' takes them off."
    },
    footer = {"", "Examples:", "  hn tags", "  hn tags api --json"})
public class TagsCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final TagStore tags;
  private final Workspace workspace;

  @Mixin JsonOutput output;

  @Parameters(
      arity = "0..1",
      paramLabel = "<name>",
      description = "Worktree name, or part of it (default: every worktree).")
  String name;

  /** One tag and the worktrees that have it, as `--json` prints it. */
  record TagView(String tag, List<String> worktrees) {}

  public TagsCommand(Worktrees worktrees, TagStore tags, Workspace workspace) {
    this.worktrees = worktrees;
    this.tags = tags;
    this.workspace = workspace;
  }

  @Override
  public Integer call() {
    String only = name == null ? null : worktrees.find(name).name();
    Map<String, List<String>> byTag = new TreeMap<>();
    tags.all(workspace.repo())
        .forEach(
            (worktree, its) -> {
              if (only == null || only.equals(worktree)) {
                its.forEach(t -> byTag.computeIfAbsent(t, k -> new ArrayList<>()).add(worktree));
              }
            });
    List<TagView> views =
        byTag.entrySet().stream().map(e -> new TagView(e.getKey(), e.getValue())).toList();
    if (output.json()) {
      output.printJson(Map.of("tags", views));
    } else if (only != null) {
      views.forEach(v -> output.result(v.tag()));
    } else {
      int width = views.stream().mapToInt(v -> v.tag().length()).max().orElse(0) + 2;
      views.forEach(
          v ->
              output.result(
                  String.format("%-" + width + "s%s", v.tag(), String.join(", ", v.worktrees()))));
    }
    if (views.isEmpty() && !output.json()) {
      output.info("No tags; 'hn tag <worktree> <tag>…' adds some.");
    }
    return ExitCode.OK;
  }
}
