package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.SavedWorkspace;
import io.hannahanna.hn.worktree.SavedWorkspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "workspace",
    mixinStandardHelpOptions = true,
    description = {
      "Save the set of worktrees under a name and bring it back, here or in another clone.",
      "A workspace records each worktree's name, branch, commit, parent, tags, whether its stack",
      "ran and its volume snapshots (kept in .hn-state/workspaces/<name>.json). Restore creates",
      "what is missing and starts the stacks that ran; export and import hand it to someone else",
      "(an imported file is checked like any untrusted input; nothing in it runs)."
    },
    footer = {
      "",
      "Examples:",
      "  hn workspace save friday --description 'api + ui review'",
      "  hn workspace restore friday",
      "  hn workspace export friday -o friday.json",
      "  hn workspace import friday.json --create-worktrees",
      "  hn workspace diff friday monday"
    },
    subcommands = {
      WorkspaceSaveCommand.class,
      WorkspaceRestoreCommand.class,
      WorkspaceCommand.ListWorkspaces.class,
      WorkspaceCommand.Delete.class,
      WorkspaceCommand.Export.class,
      WorkspaceRestoreCommand.Import.class,
      WorkspaceDiffCommand.class
    })
public class WorkspaceCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "List the saved workspaces.",
        "JSON: {\"workspaces\": [{name, description, createdAt, worktrees: [{name, branch, commit,"
            + " parent, tags, dockerRunning, volumeSnapshots}]}]}"
      },
      footer = {"", "Example:", "  hn workspace list --json"})
  public static class ListWorkspaces implements Callable<Integer> {
    private final SavedWorkspaces saved;
    private final Workspace workspace;
    @Mixin JsonOutput output;

    public ListWorkspaces(SavedWorkspaces saved, Workspace workspace) {
      this.saved = saved;
      this.workspace = workspace;
    }

    @Override
    public Integer call() {
      List<SavedWorkspace> all = saved.all(workspace.repo());
      if (output.json()) {
        output.printJson(Map.of("workspaces", all));
        return ExitCode.OK;
      }
      for (SavedWorkspace w : all) {
        output.result(
            String.format(
                "%-20s %3d worktree(s)  %-20s %s",
                w.name(),
                w.worktrees().size(),
                w.createdAt() == null ? "" : w.createdAt(),
                w.description() == null ? "" : w.description()));
      }
      output.info(
          all.isEmpty()
              ? "No saved workspaces; 'hn workspace save <name>' saves the worktrees you have."
              : all.size() + " workspace(s).");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a saved workspace (its worktrees stay as they are).",
      footer = {"", "Example:", "  hn workspace delete friday --force"})
  public static class Delete implements Callable<Integer> {
    private final SavedWorkspaces saved;
    private final Workspace workspace;
    @Mixin Output output;

    @Parameters(paramLabel = "<name>", description = "The workspace.")
    String name;

    @Option(names = "--force", description = "Do not ask.")
    boolean force;

    public Delete(SavedWorkspaces saved, Workspace workspace) {
      this.saved = saved;
      this.workspace = workspace;
    }

    @Override
    public Integer call() {
      saved.load(workspace.repo(), name); // says so when there is none
      if (!force && !output.confirm("Delete workspace '" + name + "'?")) {
        throw new HnException(
            "Not deleted: give --force to delete workspace '" + name + "' without being asked.");
      }
      saved.delete(workspace.repo(), name);
      output.info("Deleted workspace '" + name + "'; its worktrees are as they were.");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write a saved workspace to a file, for 'hn workspace import' in another clone.",
        "Default file: <name>.workspace.json here (as hannahanna names it); -o - prints it."
      },
      footer = {"", "Example:", "  hn workspace export friday -o /tmp/friday.json"})
  public static class Export implements Callable<Integer> {
    private final SavedWorkspaces saved;
    private final Workspace workspace;
    @Mixin Output output;

    @Parameters(paramLabel = "<name>", description = "The workspace.")
    String name;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "<file>",
        description = "Where to write it ('-' for stdout).")
    String file;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    public Export(SavedWorkspaces saved, Workspace workspace) {
      this.saved = saved;
      this.workspace = workspace;
    }

    @Override
    public Integer call() {
      String json = saved.load(workspace.repo(), name).toJson();
      if ("-".equals(file)) {
        output.out().print(json);
        output.out().flush();
        return ExitCode.OK;
      }
      Path target =
          workspace
              .startDirectory()
              .resolve(file == null ? name + ".workspace.json" : file)
              .normalize();
      if (!force && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new HnException(target + " exists; --force replaces it, or -o names another file.");
      }
      try {
        Files.writeString(target, json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      output.info("Exported workspace '" + name + "' to " + target + ".");
      return ExitCode.OK;
    }
  }
}
