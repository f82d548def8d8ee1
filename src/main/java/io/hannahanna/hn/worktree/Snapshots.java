package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * `hn snapshot`: a worktree's uncommitted work (staged, unstaged and untracked) saved as a commit
 * shaped like git's own stash entries, under refs/hn/snapshots/&lt;worktree&gt;/&lt;name&gt;. It is
 * built in temporary index files, so the worktree, its index, its branch and the stash list are
 * never touched; the ref keeps it through gc; `git stash apply` (which takes any stash-shaped
 * commit, listed or not) brings it back.
 */
@Singleton
public class Snapshots {
  private static final String REFS = "refs/hn/snapshots/";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Map<String, String> IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME", "hn",
          "GIT_AUTHOR_EMAIL", "hn@localhost",
          "GIT_COMMITTER_NAME", "hn",
          "GIT_COMMITTER_EMAIL", "hn@localhost");

  private final Git git;
  private final Worktrees worktrees;

  public Snapshots(Git git, Worktrees worktrees) {
    this.git = git;
    this.worktrees = worktrees;
  }

  /** One saved snapshot. */
  /** changes: whether it holds uncommitted work (a clean worktree's snapshot holds none). */
  public record Snapshot(
      String worktree, String name, String commit, String createdAt, boolean changes) {}

  /** Ends the subject of a snapshot of a clean worktree. */
  private static final String NO_CHANGES = " (no changes)";

  /** Saves the worktree's uncommitted work; name null: the local time, like 20261202-063000. */
  public Snapshot create(String worktreeName, String name) {
    Worktree w = worktrees.find(worktreeName);
    String label =
        name == null
            ? LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            : validate(name);
    String ref = ref(w, label);
    if (exists(w, ref)) {
      throw new HnException(
          "'" + w.name() + "' already has a snapshot '" + label + "'; delete it or pick a name.");
    }
    // a clean worktree is recorded all the same: scripts snapshot before a risky step regardless
    boolean changes = !worktrees.status(w).clean();
    Path dir = w.path();
    String base = git.output(dir, "rev-parse", "--verify", "HEAD");
    String indexTree = git.output(dir, "write-tree");
    String index = commit(dir, indexTree, "index on " + w.name(), base);
    Path scratch = scratchFolder();
    try {
      String worktreeTree = trackedChanges(dir, scratch.resolve("tracked"));
      String untracked = untrackedFiles(dir, scratch.resolve("untracked"));
      List<String> parents = new ArrayList<>(List.of(base, index));
      if (untracked != null) {
        parents.add(commit(dir, untracked, "untracked files on " + w.name()));
      }
      String snapshot =
          commit(
              dir,
              worktreeTree,
              "hn snapshot " + label + (changes ? "" : NO_CHANGES),
              parents.toArray(String[]::new));
      // the empty old value: created only if no other hn took the name meanwhile
      git.output(dir, "update-ref", "-m", "hn snapshot create", ref, snapshot, "");
      return new Snapshot(
          w.name(), label, snapshot.substring(0, 7), Instant.now().toString(), changes);
    } finally {
      Worktrees.deleteTree(scratch);
    }
  }

  public List<Snapshot> list(String worktreeName) {
    List<Worktree> chosen =
        worktreeName == null
            ? worktrees.list().stream().filter(w -> !w.missing()).toList()
            : List.of(worktrees.find(worktreeName));
    List<Snapshot> result = new ArrayList<>();
    for (Worktree w : chosen) {
      String lines =
          git.output(
              w.path(),
              "for-each-ref",
              "--sort=creatordate",
              "--format=%(refname)%09%(objectname:short)%09%(creatordate:iso-strict)%09%(subject)",
              REFS + w.name() + "/");
      for (String line : lines.split("\n")) {
        if (!line.isBlank()) {
          String[] f = line.split("\t");
          String label = f[0].substring((REFS + w.name() + "/").length());
          result.add(
              new Snapshot(
                  w.name(), label, f[1], f[2], f.length < 4 || !f[3].endsWith(NO_CHANGES)));
        }
      }
    }
    return result;
  }

  /** Applies a snapshot to a clean worktree; on a conflict the worktree is put back as it was. */
  public void restore(String worktreeName, String name) {
    Worktree w = worktrees.findExact(worktreeName);
    String ref = existing(w, validate(name));
    Git.StatusSummary status = worktrees.status(w);
    if (!status.clean()) {
      throw new HnException(
          "'"
              + w.name()
              + "' has uncommitted changes ("
              + status
              + "); commit them or save them first ('hn snapshot create "
              + w.name()
              + "'), then restore.");
    }
    if (git.output(w.path(), "log", "-1", "--format=%s", ref).endsWith(NO_CHANGES)) {
      return; // it holds nothing: the clean worktree is what it saved
    }
    // what the restore may create, known before it runs: the undo removes those and nothing else
    List<Path> creatable = SnapshotUndo.absentUntracked(git, w, ref);
    Path note =
        InterruptedOperations.begin(
            worktrees.stateRoot(),
            w.name(),
            "'hn snapshot restore "
                + w.name()
                + " "
                + name
                + "' was interrupted, so "
                + w.path()
                + " may be partly restored ('git status' there shows what changed). It was clean"
                + " before: 'git reset --hard' there takes the tracked files back; the snapshot"
                + " still holds your work, so restore it again.");
    try {
      apply(w, name, ref, creatable);
    } finally {
      InterruptedOperations.end(note);
    }
  }

  private void apply(Worktree w, String name, String ref, List<Path> creatable) {
    ProcessResult applied = git.run(w.path(), "stash", "apply", "--index", "--quiet", ref);
    if (!applied.ok()) {
      String conflicts =
          git.run(w.path(), "diff", "--name-only", "--diff-filter=U").stdout().strip();
      SnapshotUndo.takeBack(git, w, creatable);
      throw new HnException(
          "Snapshot '"
              + name
              + "' does not apply to '"
              + w.name()
              + "' as it is now"
              + (conflicts.isEmpty()
                  ? " (" + applied.errorLine() + ")"
                  : ": it conflicts in " + conflicts.replace('\n', ' '))
              + "; nothing was changed.");
    }
  }

  public void delete(String worktreeName, String name) {
    Worktree w = worktrees.findExact(worktreeName);
    git.output(
        w.path(), "update-ref", "-m", "hn snapshot delete", "-d", existing(w, validate(name)));
  }

  /** The tree of the index with every tracked file's current content (`git add -u`). */
  private String trackedChanges(Path dir, Path indexFile) {
    String realIndex =
        git.output(dir, "rev-parse", "--path-format=absolute", "--git-path", "index");
    try {
      if (Files.exists(Path.of(realIndex))) {
        Files.copy(Path.of(realIndex), indexFile);
      }
    } catch (IOException e) {
      throw new HnException("Cannot copy the index " + realIndex + ": " + e.getMessage() + ".", e);
    }
    Map<String, String> env = Map.of("GIT_INDEX_FILE", indexFile.toString());
    git.output(dir, env, "add", "--update", "--", ":/");
    return git.output(dir, env, "write-tree");
  }

  /** The tree of the untracked (not ignored) files; null when there are none. */
  private String untrackedFiles(Path dir, Path indexFile) {
    String listed =
        git.output(dir, "ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/");
    List<String> files = new ArrayList<>();
    for (String path : listed.split("\0")) {
      if (!path.isEmpty()) {
        files.add(path);
      }
    }
    if (files.isEmpty()) {
      return null;
    }
    Map<String, String> env = Map.of("GIT_INDEX_FILE", indexFile.toString());
    Path top = Path.of(git.output(dir, "rev-parse", "--show-toplevel"));
    for (int i = 0; i < files.size(); i += 500) {
      List<String> argv = new ArrayList<>(List.of("--literal-pathspecs", "add", "--"));
      argv.addAll(files.subList(i, Math.min(files.size(), i + 500)));
      git.output(top, env, argv.toArray(String[]::new));
    }
    return git.output(top, env, "write-tree");
  }

  private String commit(Path dir, String tree, String message, String... parents) {
    List<String> argv = new ArrayList<>(List.of("commit-tree", tree, "-m", message));
    for (String p : parents) {
      argv.addAll(List.of("-p", p));
    }
    return git.output(dir, IDENTITY, argv.toArray(String[]::new));
  }

  private static Path scratchFolder() {
    try {
      return Files.createTempDirectory("hn-snapshot");
    } catch (IOException e) {
      throw new HnException("Cannot create a temporary folder: " + e.getMessage() + ".", e);
    }
  }

  private String existing(Worktree w, String name) {
    String ref = ref(w, name);
    if (!exists(w, ref)) {
      throw new HnException(
          "'"
              + w.name()
              + "' has no snapshot '"
              + name
              + "'; see 'hn snapshot list "
              + w.name()
              + "'.");
    }
    return ref;
  }

  private boolean exists(Worktree w, String ref) {
    return git.run(w.path(), "rev-parse", "--verify", "--quiet", ref).ok();
  }

  private static String ref(Worktree w, String name) {
    return REFS + w.name() + "/" + name;
  }

  private static String validate(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new HnException(
          "'"
              + name
              + "' is not a snapshot name; use letters, digits, '_' and '-' (up to 64, starting with"
              + " a letter or digit).");
    }
    return name;
  }
}
