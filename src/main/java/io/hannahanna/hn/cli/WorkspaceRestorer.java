package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.SavedWorkspace;
import io.hannahanna.hn.worktree.Worktree;
import io.hannahanna.hn.worktree.Worktrees;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a saved workspace back: creates each missing worktree from its parent (on its branch, or
 * on a new branch at the saved commit), tags it and starts the stack that ran; leaves a worktree
 * that exists as it is, unless asked to re-point it to the saved branch. Each step is hn's own
 * command line run again ({@link Reinvocation}), so a workspace can do nothing a user could not.
 */
@Singleton
public class WorkspaceRestorer {
  private final Workspace workspace;
  private final Worktrees worktrees;
  private final Git git;
  private final Reinvocation hn;

  public WorkspaceRestorer(Workspace workspace, Worktrees worktrees, Git git, Reinvocation hn) {
    this.workspace = workspace;
    this.worktrees = worktrees;
    this.git = git;
    this.hn = hn;
  }

  /** Returns how many worktrees could not be restored. */
  public int restore(SavedWorkspace saved, boolean repoint, Output output) {
    Repo repo = workspace.repo();
    boolean docker = repo.config().docker().enabled();
    int created = 0;
    int kept = 0;
    int failed = 0;
    for (SavedWorkspace.Entry e : parentsFirst(saved.worktrees())) {
      Map<String, Worktree> existing = byName();
      Worktree have = existing.get(e.name());
      boolean ok;
      if (have == null) {
        ok = create(repo, e, existing, docker, output);
        created += ok ? 1 : 0;
      } else {
        ok = !repoint || repoint(have, e, output);
        kept++;
        if (ok && docker && e.dockerRunning()) {
          ok = run(output, "-C", repo.root().toString(), "docker", "start", e.name());
        }
      }
      if (ok && !e.tags().isEmpty()) {
        List<String> tag = new ArrayList<>(List.of("-C", repo.root().toString(), "tag", e.name()));
        tag.addAll(e.tags());
        ok = run(output, tag.toArray(String[]::new));
      }
      failed += ok ? 0 : 1;
    }
    output.info(
        "Restored workspace '"
            + saved.name()
            + "': "
            + created
            + " created, "
            + kept
            + (repoint ? " re-pointed" : " left as they were")
            + ", "
            + failed
            + " failed.");
    return failed;
  }

  private boolean create(
      Repo repo,
      SavedWorkspace.Entry e,
      Map<String, Worktree> existing,
      boolean docker,
      Output output) {
    Path from =
        Optional.ofNullable(e.parent()).map(existing::get).map(Worktree::path).orElse(repo.root());
    List<String> add =
        new ArrayList<>(List.of("-C", from.toString(), "add", e.name(), "--branch", e.branch()));
    if (git.branchExists(repo.root(), e.branch())) {
      add.add("--no-branch");
    } else if (e.commit() != null) {
      add.addAll(List.of("--from", e.commit()));
    }
    if (docker && e.dockerRunning()) {
      add.add("--docker");
    }
    return run(output, add.toArray(String[]::new));
  }

  /** --force: the worktree checks out the saved branch, if nothing uncommitted is in the way. */
  private boolean repoint(Worktree have, SavedWorkspace.Entry e, Output output) {
    if (e.branch().equals(have.branch())) {
      return true;
    }
    if (!git.output(have.path(), "status", "--porcelain").isEmpty()) {
      output.info("hn: '" + e.name() + "' has uncommitted changes; left on " + have.branch() + ".");
      return false;
    }
    // -c takes the branch as its own value; a plain switch needs --end-of-options before it
    String[] argv =
        git.branchExists(have.path(), e.branch())
            ? new String[] {"switch", "--end-of-options", e.branch()}
            : e.commit() == null
                ? new String[] {"switch", "-c", e.branch()}
                : new String[] {"switch", "-c", e.branch(), "--end-of-options", e.commit()};
    var switched = git.run(have.path(), argv);
    if (!switched.ok()) {
      output.info("hn: '" + e.name() + "' stays on " + have.branch() + ": " + switched.errorLine());
    }
    return switched.ok();
  }

  private boolean run(Output output, String... argv) {
    return hn.run(List.of(argv), output.out(), output.err()) == 0;
  }

  private Map<String, Worktree> byName() {
    Map<String, Worktree> all = new LinkedHashMap<>();
    worktrees.list().forEach(w -> all.put(w.name(), w));
    return all;
  }

  /** A worktree is made from its parent, so parents that are in the workspace come first. */
  static List<SavedWorkspace.Entry> parentsFirst(List<SavedWorkspace.Entry> entries) {
    List<SavedWorkspace.Entry> ordered = new ArrayList<>();
    List<SavedWorkspace.Entry> left = new ArrayList<>(entries);
    while (!left.isEmpty()) {
      int before = left.size();
      for (SavedWorkspace.Entry e : List.copyOf(left)) {
        boolean parentWaiting = left.stream().anyMatch(p -> p != e && p.name().equals(e.parent()));
        if (!parentWaiting) {
          ordered.add(e);
          left.remove(e);
        }
      }
      if (left.size() == before) { // a cycle in a hand-made file: the rest as written
        ordered.addAll(left);
        break;
      }
    }
    return ordered;
  }
}
