package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Remove the state (state directories, database rows) of worktrees git no longer",
      "knows, for example ones deleted with rm -rf. Prints the names it removed.",
      "JSON shape: {\"pruned\": [name...], \"dryRun\": bool}"
    },
    footer = {"", "Examples:", "  hn prune --dry-run", "  hn prune"})
public class PruneCommand implements Callable<Integer> {
  private final Worktrees worktrees;

  @Spec CommandSpec spec;
  @Mixin JsonOutput json;

  @Option(names = "--dry-run", description = "Only print what would be removed.")
  boolean dryRun;

  public PruneCommand(Worktrees worktrees) {
    this.worktrees = worktrees;
  }

  @Override
  public Integer call() {
    List<String> pruned = worktrees.prune(dryRun);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      JsonOutput.write(out, Map.of("pruned", pruned, "dryRun", dryRun));
      return ExitCode.OK;
    }
    pruned.forEach(out::println);
    out.flush();
    if (pruned.isEmpty()) {
      spec.commandLine().getErr().println("Nothing to prune.");
    } else if (dryRun) {
      spec.commandLine().getErr().println("Dry run: nothing was removed.");
    }
    spec.commandLine().getErr().flush();
    return ExitCode.OK;
  }
}
