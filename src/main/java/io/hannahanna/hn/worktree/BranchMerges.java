package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `hn sync`, `hn integrate` and `hn return`: one worktree's branch merged into another's folder.
 * Every refusal comes before git changes anything; a conflict in sync is left to the user (it is
 * their worktree), a conflict in a merge into another worktree is taken back.
 */
@Singleton
public class BranchMerges {
  private final Git git;
  private final Worktrees worktrees;

  public BranchMerges(Git git, Worktrees worktrees) {
    this.git = git;
    this.worktrees = worktrees;
  }

  /** How `hn sync` brings a branch up to date. */
  public enum Strategy {
    merge,
    rebase
  }

  /** How `hn integrate` records the merge. */
  public enum MergeStyle {
    /** git's default: fast-forward when it can. */
    DEFAULT,
    NO_FF,
    SQUASH
  }

  /** What `hn sync` was asked for; name and from may be null (current worktree, its parent). */
  public record SyncRequest(String name, String from, Strategy strategy, boolean autostash) {}

  /** Brings a worktree up to date with its parent's branch (or another ref); returns it. */
  /** A worktree brought up to date, and the branch (or ref) it was brought up to date with. */
  public record Synced(Worktree worktree, String from) {}

  public Synced sync(SyncRequest request) {
    Worktree target = request.name() == null ? worktrees.current() : worktrees.find(request.name());
    String from = request.from() == null ? branchOf(parentOf(target)) : ref(target, request.from());
    requireBranch(target);
    if (!request.autostash()) {
      requireClean(target, "; commit or stash them, or use --autostash");
    }
    List<String> argv = new ArrayList<>();
    if (request.strategy() == Strategy.rebase) {
      argv.add("rebase");
    } else {
      argv.addAll(List.of("merge", "--no-edit"));
    }
    if (request.autostash()) {
      argv.add("--autostash");
    }
    argv.add("--end-of-options"); // a branch may look like an option (`--exec=…`)
    argv.add(from);
    ProcessResult result = git.run(target.path(), argv.toArray(String[]::new));
    if (!result.ok()) {
      List<String> conflicts = conflicts(target.path());
      if (conflicts.isEmpty()) {
        throw new HnException(
            "git " + argv.get(0) + " of '" + from + "' failed: " + result.errorLine());
      }
      String op = argv.get(0);
      throw new HnException(
          "Syncing '"
              + target.name()
              + "' with '"
              + from
              + "' stopped at a conflict in "
              + String.join(", ", conflicts)
              + "; resolve it in "
              + target.path()
              + " and run '"
              + (op.equals("rebase") ? "git rebase --continue" : "git commit")
              + "', or undo it with 'git "
              + op
              + " --abort'.");
    }
    return new Synced(target, from);
  }

  /** Merges the source worktree's branch into the target worktree (default: its parent). */
  public Worktree integrate(String sourceName, String targetName, MergeStyle style) {
    Worktree source = sourceName == null ? worktrees.current() : worktrees.findExact(sourceName);
    Worktree target = targetName == null ? parentOf(source) : worktrees.findExact(targetName);
    return integrate(source, target, style);
  }

  /** Merges source into target; on a conflict the target is put back as it was. */
  public Worktree integrate(Worktree source, Worktree target, MergeStyle style) {
    if (source.path().equals(target.path())) {
      throw new HnException("'" + source.name() + "' cannot be merged into itself.");
    }
    String branch = branchOf(source);
    requireBranch(target);
    requireClean(source, "; commit or stash them first");
    requireClean(target, "; commit or stash them first");
    List<String> argv = new ArrayList<>(List.of("merge", "--no-edit"));
    switch (style) {
      case NO_FF -> argv.add("--no-ff");
      case SQUASH -> argv.add("--squash");
      case DEFAULT -> {}
    }
    argv.add("--end-of-options");
    argv.add(branch);
    Path note =
        InterruptedOperations.begin(
            worktrees.stateRoot(),
            target.name(),
            "'hn integrate "
                + source.name()
                + " --into "
                + target.name()
                + "' was interrupted: if 'git status' in "
                + target.path()
                + " shows a merge in progress, finish it with 'git commit' or undo it with"
                + " 'git merge --abort' (a squash: 'git reset --hard').");
    try {
      merge(source, target, style, branch, argv);
    } finally {
      InterruptedOperations.end(note);
    }
    return target;
  }

  private void merge(
      Worktree source, Worktree target, MergeStyle style, String branch, List<String> argv) {
    ProcessResult merged = git.run(target.path(), argv.toArray(String[]::new));
    if (!merged.ok()) {
      List<String> conflicts = conflicts(target.path());
      takeBack(target, style);
      throw new HnException(
          conflicts.isEmpty()
              ? "git merge of '" + branch + "' failed: " + merged.errorLine()
              : "Merging '"
                  + source.name()
                  + "' into '"
                  + target.name()
                  + "' conflicts in "
                  + String.join(", ", conflicts)
                  + "; nothing was changed. Bring it up to date first ('hn sync "
                  + source.name()
                  + (target.name().equals(parentName(source)) ? "" : " --from " + target.branch())
                  + "'), resolve there, and integrate again.");
    }
    if (style == MergeStyle.SQUASH && !git.status(target.path()).clean()) {
      ProcessResult committed = git.run(target.path(), "commit", "--no-edit", "--quiet");
      if (!committed.ok()) {
        takeBack(target, style);
        throw new HnException(
            "git could not commit the squashed merge: "
                + committed.errorLine()
                + "; nothing was changed.");
      }
    }
  }

  /** The worktree this one was created from (the main checkout for one hn did not create). */
  public Worktree parentOf(Worktree worktree) {
    if (worktree.main()) {
      throw new HnException(
          "'" + worktree.name() + "' is the main checkout; it has no parent to merge with.");
    }
    String parent = parentName(worktree);
    return worktrees.list().stream()
        .filter(w -> w.name().equals(parent))
        .findFirst()
        .orElseThrow(
            () ->
                new HnException(
                    "'"
                        + worktree.name()
                        + "' names '"
                        + parent
                        + "' as its parent, which no longer exists; name the other side"
                        + " explicitly (--from or --into)."));
  }

  private String parentName(Worktree worktree) {
    return worktree.parent() == null ? worktrees.mainName() : worktree.parent();
  }

  private void takeBack(Worktree target, MergeStyle style) {
    // a squash leaves no MERGE_HEAD, so `merge --abort` cannot undo it
    if (style == MergeStyle.SQUASH) {
      git.run(target.path(), "reset", "--hard", "--quiet", "HEAD");
    } else {
      git.run(target.path(), "merge", "--abort");
    }
  }

  private String ref(Worktree target, String ref) {
    if (ref.startsWith("-")
        || !git.run(target.path(), "rev-parse", "--verify", "--quiet", ref + "^{commit}").ok()) {
      throw new HnException(
          "'" + ref + "' is not a branch, tag or commit of this repository; check --from.");
    }
    return ref;
  }

  private static String branchOf(Worktree worktree) {
    requireBranch(worktree);
    return worktree.branch();
  }

  private static void requireBranch(Worktree worktree) {
    if (worktree.branch() == null) {
      throw new HnException(
          "'"
              + worktree.name()
              + "' has no branch checked out (detached HEAD); check one out with 'git switch'.");
    }
  }

  private void requireClean(Worktree worktree, String advice) {
    Git.StatusSummary status = worktrees.status(worktree);
    if (!status.clean()) {
      throw new HnException(
          "Worktree '"
              + worktree.name()
              + "' has uncommitted changes ("
              + status
              + ")"
              + advice
              + ".");
    }
  }

  private List<String> conflicts(Path dir) {
    String files = git.run(dir, "diff", "--name-only", "--diff-filter=U").stdout().strip();
    return files.isEmpty() ? List.of() : List.of(files.split("\n"));
  }
}
