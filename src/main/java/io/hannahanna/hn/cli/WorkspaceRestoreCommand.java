package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.SavedWorkspace;
import io.hannahanna.hn.worktree.SavedWorkspaces;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Bring a saved workspace back.",
      "Creates the worktrees that are missing (on their branch, or on a new branch at the saved",
      "commit), tags them and starts the stacks that ran. Worktrees that exist are left as they",
      "are; --force re-points them to the saved branch."
    },
    footer = {"", "Example:", "  hn workspace restore friday"})
public class WorkspaceRestoreCommand implements Callable<Integer> {
  private final SavedWorkspaces saved;
  private final Workspace workspace;
  private final WorkspaceRestorer restorer;
  @Mixin Output output;

  @Parameters(paramLabel = "<name>", description = "The workspace.")
  String name;

  @Option(
      names = "--force",
      description = "Switch existing worktrees to the saved branch (never over uncommitted work).")
  boolean force;

  public WorkspaceRestoreCommand(
      SavedWorkspaces saved, Workspace workspace, WorkspaceRestorer restorer) {
    this.saved = saved;
    this.workspace = workspace;
    this.restorer = restorer;
  }

  @Override
  public Integer call() {
    SavedWorkspace loaded = saved.load(workspace.repo(), name);
    return restorer.restore(loaded, force, output) == 0 ? ExitCode.OK : ExitCode.FAILURE;
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Save a workspace file from 'hn workspace export' (or hannahanna's) under its name.",
        "The file is checked like any untrusted input: names, branches, commits, tags; its paths",
        "are never used and nothing in it runs. --create-worktrees restores it at once."
      },
      footer = {"", "Example:", "  hn workspace import ~/friday.workspace.json --create-worktrees"})
  public static class Import implements Callable<Integer> {
    private final SavedWorkspaces saved;
    private final Workspace workspace;
    private final WorkspaceRestorer restorer;
    @Mixin Output output;

    @Parameters(paramLabel = "<file>", description = "The workspace file.")
    String file;

    @Option(names = "--create-worktrees", description = "Restore it right away.")
    boolean create;

    @Option(names = "--force", description = "Replace a saved workspace of the same name.")
    boolean force;

    public Import(SavedWorkspaces saved, Workspace workspace, WorkspaceRestorer restorer) {
      this.saved = saved;
      this.workspace = workspace;
      this.restorer = restorer;
    }

    @Override
    public Integer call() {
      SavedWorkspace imported =
          SavedWorkspaces.read(workspace.startDirectory().resolve(file).normalize());
      saved.save(workspace.repo(), imported, force);
      output.info(
          "Imported workspace '"
              + imported.name()
              + "' ("
              + imported.worktrees().size()
              + " worktree(s))"
              + (create ? "." : "; 'hn workspace restore " + imported.name() + "' creates them."));
      if (!create) {
        return ExitCode.OK;
      }
      return restorer.restore(imported, false, output) == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }
  }
}
