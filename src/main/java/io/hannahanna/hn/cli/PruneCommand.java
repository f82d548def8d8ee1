package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.WorktreePruning;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {
      "Forget the worktrees that git no longer knows.",
      "Remove the state (state directories, database rows) of worktrees git no longer",
      "knows, for example ones deleted with rm -rf, frees their ports and subnets and (with",
      "docker.enabled)",
      "removes their containers and networks. Prints the names it removed.",
      "JSON shape: {\"pruned\": [name...], \"dryRun\": bool}"
    },
    footer = {"", "Examples:", "  hn prune --dry-run", "  hn prune"})
public class PruneCommand implements Callable<Integer> {
  private final WorktreePruning pruning;

  @Spec CommandSpec spec;
  @Mixin JsonOutput output;

  @Mixin DryRun dryRun;

  public PruneCommand(WorktreePruning pruning) {
    this.pruning = pruning;
  }

  @Override
  public Integer call() {
    return print(pruning.prune(dryRun.enabled()), dryRun.enabled(), output);
  }

  /** The names one per line (or as JSON); what happened on stderr. */
  static int print(List<String> pruned, boolean dryRun, Output output) {
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(Map.of("pruned", pruned, "dryRun", dryRun));
      return ExitCode.OK;
    }
    pruned.forEach(out::println);
    out.flush();
    if (pruned.isEmpty()) {
      output.err().println("Nothing to prune.");
    } else if (dryRun) {
      output.err().println("Dry run: nothing was removed.");
    }
    output.err().flush();
    return ExitCode.OK;
  }
}
