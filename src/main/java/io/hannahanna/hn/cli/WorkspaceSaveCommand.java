package io.hannahanna.hn.cli;

import io.hannahanna.hn.compose.EngineInventory;
import io.hannahanna.hn.compose.VolumeSnapshots;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.SavedWorkspace;
import io.hannahanna.hn.worktree.SavedWorkspaces;
import io.hannahanna.hn.worktree.TagStore;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "save",
    mixinStandardHelpOptions = true,
    description = {
      "Save the worktrees (not the main checkout) as a workspace.",
      "Each one's name, branch, commit, parent, tags, whether its stack runs and its volume",
      "snapshots."
    },
    footer = {"", "Example:", "  hn workspace save friday --description 'api + ui review'"})
public class WorkspaceSaveCommand implements Callable<Integer> {
  private final SavedWorkspaces saved;
  private final Workspace workspace;
  private final Worktrees worktrees;
  private final TagStore tags;
  private final Git git;
  private final EngineInventory inventory;
  private final VolumeSnapshots snapshots;
  @Mixin Output output;

  @Parameters(paramLabel = "<name>", description = "The workspace's name.")
  String name;

  @Option(names = "--description", paramLabel = "<text>", description = "What it is for.")
  String description;

  @Option(names = "--force", description = "Replace a saved workspace of that name.")
  boolean force;

  public WorkspaceSaveCommand(
      SavedWorkspaces saved,
      Workspace workspace,
      Worktrees worktrees,
      TagStore tags,
      Git git,
      EngineInventory inventory,
      VolumeSnapshots snapshots) {
    this.saved = saved;
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.tags = tags;
    this.git = git;
    this.inventory = inventory;
    this.snapshots = snapshots;
  }

  private SavedWorkspace.Entry entry(
      Worktree w, Map<String, List<String>> tagged, EngineInventory.Status s) {
    List<String> volumeSnapshots =
        s != null && s.state() != EngineInventory.State.UNKNOWN
            ? snapshots.list(w).stream().map(VolumeSnapshots.Snapshot::name).toList()
            : List.of();
    return new SavedWorkspace.Entry(
        w.name(),
        w.branch(),
        git.output(w.path(), "rev-parse", "--verify", "HEAD^{commit}"),
        w.parent(),
        tagged.getOrDefault(w.name(), List.of()),
        s != null && s.running() > 0,
        volumeSnapshots);
  }

  @Override
  public Integer call() {
    SavedWorkspace.validName(name);
    Repo repo = workspace.repo();
    List<Worktree> all = worktrees.list().stream().filter(w -> !w.main() && !w.missing()).toList();
    Map<String, List<String>> tagged = tags.all(repo);
    boolean docker = repo.config().docker().enabled();
    Map<String, EngineInventory.Status> status =
        docker && !all.isEmpty() ? inventory.status(all, false) : Map.of();
    List<SavedWorkspace.Entry> entries = new ArrayList<>();
    for (Worktree w : all) {
      entries.add(entry(w, tagged, status.get(w.name())));
    }
    String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    SavedWorkspace saving =
        SavedWorkspace.parse(
            new SavedWorkspace(name, description, created, entries).toJson(), "workspace " + name);
    saved.save(repo, saving, force);
    output.info(
        "Saved workspace '"
            + name
            + "': "
            + entries.size()
            + " worktree(s); 'hn workspace restore "
            + name
            + "' brings them back.");
    return ExitCode.OK;
  }
}
