package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.Snapshots;
import io.hannahanna.hn.worktree.Snapshots.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
      "Save a worktree's uncommitted work under a name, and bring it back later.",
      "A snapshot holds staged, unstaged and untracked files; saving it changes nothing in the",
      "worktree, its branch or your stash list (it is kept as refs/hn/snapshots/<worktree>/<name>)."
    },
    footer = {
      "",
      "Examples:",
      "  hn snapshot create feat before-refactor",
      "  hn snapshot list feat",
      "  hn snapshot restore feat before-refactor",
      "  hn snapshot delete feat before-refactor"
    },
    subcommands = {
      SnapshotCommand.Create.class,
      SnapshotCommand.ListSnapshots.class,
      SnapshotCommand.Restore.class,
      SnapshotCommand.Delete.class
    })
public class SnapshotCommand {

  /** The JSON shape of one snapshot. */
  public record SnapshotView(
      String worktree, String name, String commit, String createdAt, boolean changes) {
    static SnapshotView of(Snapshot s) {
      return new SnapshotView(s.worktree(), s.name(), s.commit(), s.createdAt(), s.changes());
    }
  }

  /** A snapshot named on the command line: its worktree and its name. */
  public static class Named {
    @Parameters(
        index = "0",
        paramLabel = "<worktree>",
        description = "Worktree name, or part of it.")
    String worktree;

    @Parameters(index = "1", paramLabel = "<name>", description = "Snapshot name.")
    String name;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Save the worktree's uncommitted work (the worktree stays as it is).",
      footer = {"", "Example:", "  hn snapshot create feat wip"})
  public static class Create implements Callable<Integer> {
    private final Snapshots snapshots;
    @Mixin Output output;

    @Parameters(
        index = "0",
        paramLabel = "<worktree>",
        description = "Worktree name, or part of it.")
    String worktree;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "<name>",
        description = "Snapshot name (default: the time, like 20261202-063000).")
    String name;

    public Create(Snapshots snapshots) {
      this.snapshots = snapshots;
    }

    @Override
    public Integer call() {
      Snapshot saved = snapshots.create(worktree, name);
      output.result(saved.name());
      output.info(
          saved.changes()
              ? "Saved snapshot '" + saved.name() + "' of '" + saved.worktree() + "'."
              : "'"
                  + saved.worktree()
                  + "' has no uncommitted changes: an empty snapshot '"
                  + saved.name()
                  + "' was recorded.");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "list",
      aliases = "ls",
      mixinStandardHelpOptions = true,
      description = {
        "List the snapshots of one worktree, or of all.",
        "JSON: {\"snapshots\": [{worktree, name, commit, createdAt, changes}]}",
        "(changes: whether it holds uncommitted work; a clean worktree's holds none)"
      },
      footer = {"", "Example:", "  hn snapshot list --json | jq -r '.snapshots[].name'"})
  public static class ListSnapshots implements Callable<Integer> {
    private final Snapshots snapshots;

    @Mixin JsonOutput output;

    @Parameters(
        arity = "0..1",
        paramLabel = "<worktree>",
        description = "Worktree name, or part of it (default: all).")
    String worktree;

    public ListSnapshots(Snapshots snapshots) {
      this.snapshots = snapshots;
    }

    @Override
    public Integer call() {
      List<Snapshot> all = snapshots.list(worktree);
      if (output.json()) {
        output.printJson(Map.of("snapshots", all.stream().map(SnapshotView::of).toList()));
      } else {
        Table table = new Table();
        all.forEach(
            s ->
                table.row(
                    s.worktree(),
                    s.name(),
                    s.commit(),
                    s.createdAt(),
                    s.changes() ? "changes" : "no changes"));
        table.print(output.out());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Bring a snapshot back into its worktree, which must have no uncommitted changes.",
        "The snapshot is kept; a snapshot that conflicts with the worktree changes nothing."
      },
      footer = {"", "Example:", "  hn snapshot restore feat wip"})
  public static class Restore implements Callable<Integer> {
    private final Snapshots snapshots;
    @Mixin Output output;

    @Mixin Named snapshot;

    public Restore(Snapshots snapshots) {
      this.snapshots = snapshots;
    }

    @Override
    public Integer call() {
      snapshots.restore(snapshot.worktree, snapshot.name);
      output.info("Restored snapshot '" + snapshot.name + "'.");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a snapshot.",
      footer = {"", "Example:", "  hn snapshot delete feat wip"})
  public static class Delete implements Callable<Integer> {
    private final Snapshots snapshots;
    @Mixin Output output;

    @Mixin Named snapshot;

    public Delete(Snapshots snapshots) {
      this.snapshots = snapshots;
    }

    @Override
    public Integer call() {
      snapshots.delete(snapshot.worktree, snapshot.name);
      output.info("Deleted snapshot '" + snapshot.name + "'.");
      return ExitCode.OK;
    }
  }
}
