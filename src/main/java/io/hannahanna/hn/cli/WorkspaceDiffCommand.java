package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.SavedWorkspace;
import io.hannahanna.hn.worktree.SavedWorkspaces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two saved workspaces: worktrees only in one, and what differs in the others.",
      "'- name' is only in <a>, '+ name' only in <b>, '~ name: field a -> b' differs.",
      "JSON: {\"onlyInA\": [names], \"onlyInB\": [names], \"changed\": [{worktree, field, a, b}]}"
    },
    footer = {"", "Example:", "  hn workspace diff friday monday"})
public class WorkspaceDiffCommand implements Callable<Integer> {
  private final SavedWorkspaces saved;
  private final Workspace workspace;
  @Mixin JsonOutput output;

  @Parameters(index = "0", paramLabel = "<a>", description = "One workspace.")
  String a;

  @Parameters(index = "1", paramLabel = "<b>", description = "The other.")
  String b;

  public WorkspaceDiffCommand(SavedWorkspaces saved, Workspace workspace) {
    this.saved = saved;
    this.workspace = workspace;
  }

  /** One field of a worktree that differs. */
  public record Change(String worktree, String field, Object a, Object b) {}

  @Override
  public Integer call() {
    Map<String, SavedWorkspace.Entry> left = byName(saved.load(workspace.repo(), a));
    Map<String, SavedWorkspace.Entry> right = byName(saved.load(workspace.repo(), b));
    List<String> onlyInA = left.keySet().stream().filter(n -> !right.containsKey(n)).toList();
    List<String> onlyInB = right.keySet().stream().filter(n -> !left.containsKey(n)).toList();
    List<Change> changed = new ArrayList<>();
    left.forEach(
        (name, l) -> {
          SavedWorkspace.Entry r = right.get(name);
          if (r != null) {
            compare(changed, name, "branch", l.branch(), r.branch());
            compare(changed, name, "commit", l.commit(), r.commit());
            compare(changed, name, "parent", l.parent(), r.parent());
            compare(changed, name, "tags", l.tags(), r.tags());
            compare(changed, name, "dockerRunning", l.dockerRunning(), r.dockerRunning());
            compare(changed, name, "volumeSnapshots", l.volumeSnapshots(), r.volumeSnapshots());
          }
        });
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("onlyInA", onlyInA);
      doc.put("onlyInB", onlyInB);
      doc.put("changed", changed);
      output.printJson(doc);
    } else {
      onlyInA.forEach(n -> output.result("- " + n));
      onlyInB.forEach(n -> output.result("+ " + n));
      changed.forEach(
          c ->
              output.result("~ " + c.worktree() + ": " + c.field() + " " + c.a() + " -> " + c.b()));
      if (onlyInA.isEmpty() && onlyInB.isEmpty() && changed.isEmpty()) {
        output.info("'" + a + "' and '" + b + "' hold the same worktrees.");
      }
    }
    return ExitCode.OK;
  }

  private static void compare(List<Change> changed, String name, String field, Object l, Object r) {
    if (!Objects.equals(l, r)) {
      changed.add(new Change(name, field, l, r));
    }
  }

  private static Map<String, SavedWorkspace.Entry> byName(SavedWorkspace w) {
    Map<String, SavedWorkspace.Entry> all = new LinkedHashMap<>();
    w.worktrees().forEach(e -> all.put(e.name(), e));
    return all;
  }
}
