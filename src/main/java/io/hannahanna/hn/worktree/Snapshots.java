package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
  public record Snapshot(String worktree, String name, String commit, String createdAt) {}

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
    if (worktrees.status(w).clean()) {
      throw new HnException("'" + w.name() + "' has nothing to save: no uncommitted changes.");
    }
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
          commit(dir, worktreeTree, "hn snapshot " + label, parents.toArray(String[]::new));
      // the empty old value: created only if no other hn took the name meanwhile
      git.output(dir, "update-ref", "-m", "hn snapshot create", ref, snapshot, "");
      return new Snapshot(w.name(), label, snapshot.substring(0, 7), Instant.now().toString());
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
              "--format=%(refname)%09%(objectname:short)%09%(creatordate:iso-strict)",
              REFS + w.name() + "/");
      for (String line : lines.split("\n")) {
        if (!line.isBlank()) {
          String[] f = line.split("\t");
          String label = f[0].substring((REFS + w.name() + "/").length());
          result.add(new Snapshot(w.name(), label, f[1], f[2]));
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
    // what the restore may create, known before it runs: the undo removes those and nothing else
    List<Path> creatable = absentUntracked(w, ref);
    ProcessResult applied = git.run(w.path(), "stash", "apply", "--index", "--quiet", ref);
    if (!applied.ok()) {
      String conflicts =
          git.run(w.path(), "diff", "--name-only", "--diff-filter=U").stdout().strip();
      takeBack(w, creatable);
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

  /**
   * The snapshot's untracked files that do not exist in the worktree now, each reached without a
   * symbolic link on the way (a file behind a link is never one the restore may remove).
   */
  private List<Path> absentUntracked(Worktree w, String ref) {
    ProcessResult untracked = git.run(w.path(), "ls-tree", "-r", "-z", "--name-only", ref + "^3");
    List<Path> result = new ArrayList<>();
    if (untracked.ok()) {
      for (String path : untracked.stdout().split("\0")) {
        Path file = w.path().resolve(path).normalize();
        if (!path.isEmpty()
            && file.startsWith(w.path())
            && noLinkOnTheWay(w.path(), file)
            && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          result.add(file);
        }
      }
    }
    return result;
  }

  /** The clean worktree the restore started from: tracked files reset, what it created gone. */
  private void takeBack(Worktree w, List<Path> created) {
    git.run(w.path(), "reset", "--hard", "--quiet", "HEAD");
    for (Path file : created) {
      try {
        if (noLinkOnTheWay(w.path(), file)) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        // left in place: it is reported by git status
      }
    }
  }

  /** No folder between the worktree and the file is a symbolic link. */
  private static boolean noLinkOnTheWay(Path worktree, Path file) {
    for (Path dir = file.getParent();
        dir != null && dir.startsWith(worktree) && !dir.equals(worktree);
        dir = dir.getParent()) {
      if (Files.isSymbolicLink(dir)) {
        return false;
      }
    }
    return true;
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
