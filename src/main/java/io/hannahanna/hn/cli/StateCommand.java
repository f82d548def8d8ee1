package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.WorktreePruning;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.repo.WorktreeName;
import io.hannahanna.hn.worktree.StateFolders;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = {
      "The per-worktree state folders in .hn-state/worktrees/.",
      "Each worktree hn knows has one (its generated compose file, env file, your tools' data)."
    },
    footer = {"", "Examples:", "  hn state list", "  hn state size", "  hn state clean --dry-run"},
    subcommands = {
      StateCommand.ListFolders.class,
      StateCommand.Size.class,
      StateCommand.Clean.class
    })
public class StateCommand {

  /** The JSON shape of one state folder (field names are stable). */
  public record StateView(String worktree, String path, long bytes, boolean worktreeExists) {}

  @Command(
      name = "list",
      aliases = "ls",
      mixinStandardHelpOptions = true,
      description = {
        "List the state folders with their size and whether their worktree still exists.",
        "JSON: {\"states\": [{worktree, path, bytes, worktreeExists}]}"
      },
      footer = {
        "",
        "Example:",
        "  hn state list --json | jq '.states[] | select(.worktreeExists | not)'"
      })
  public static class ListFolders implements Callable<Integer> {
    private final StateFolders folders;

    @Mixin JsonOutput output;

    public ListFolders(StateFolders folders) {
      this.folders = folders;
    }

    @Override
    public Integer call() {
      List<StateView> states =
          folders.list().stream()
              .map(
                  f ->
                      new StateView(
                          f.worktree(), f.path().toString(), f.bytes(), f.worktreeExists()))
              .toList();
      if (output.json()) {
        output.printJson(Map.of("states", states));
        return ExitCode.OK;
      }
      Table table = new Table().row("WORKTREE", "SIZE", "WORKTREE EXISTS", "PATH");
      states.forEach(
          s ->
              table.row(
                  s.worktree(), human(s.bytes()), s.worktreeExists() ? "yes" : "no", s.path()));
      PrintWriter out = output.out();
      table.print(out);
      out.flush();
      return ExitCode.OK;
    }
  }

  @Command(
      name = "size",
      mixinStandardHelpOptions = true,
      description = {
        "Print the size of the state folder (.hn-state), or of one worktree's.",
        "Without a worktree the whole folder, registry included; with one, its own state folder",
        "(hannahanna's spelling: hn state size <worktree>)."
      },
      footer = {"", "Examples:", "  hn state size", "  hn state size feat-x"})
  public static class Size implements Callable<Integer> {
    private final Workspace workspace;

    @Mixin JsonOutput output;

    @picocli.CommandLine.Parameters(
        arity = "0..1",
        paramLabel = "<worktree>",
        description = "Only this worktree's state folder (it may be gone already).")
    String worktree;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    public Size(Workspace workspace) {
      this.workspace = workspace;
    }

    @Override
    public Integer call() {
      java.nio.file.Path dir = workspace.repo().stateDir();
      if (worktree != null) {
        try {
          dir = workspace.repo().stateDir(WorktreeName.validate(worktree));
        } catch (io.hannahanna.hn.HnException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
      }
      long bytes = java.nio.file.Files.isDirectory(dir) ? StateFolders.bytes(dir) : 0;
      output.result(human(bytes) + "\t" + dir);
      return ExitCode.OK;
    }
  }

  @Command(
      name = "clean",
      mixinStandardHelpOptions = true,
      description = {
        "Remove the state of worktrees that no longer exist (what 'hn prune' does).",
        "Prints the names first; with --dry-run only prints them.",
        "JSON shape: {\"pruned\": [name...], \"dryRun\": bool}"
      },
      footer = {"", "Example:", "  hn state clean --dry-run"})
  public static class Clean implements Callable<Integer> {
    private final WorktreePruning pruning;

    @Mixin JsonOutput output;
    @Mixin DryRun dryRun;

    public Clean(WorktreePruning pruning) {
      this.pruning = pruning;
    }

    @Override
    public Integer call() {
      return PruneCommand.print(pruning.prune(dryRun.enabled()), dryRun.enabled(), output);
    }
  }

  /** Bytes for people: 512 B, 3.4 KiB, 12.0 MiB. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
