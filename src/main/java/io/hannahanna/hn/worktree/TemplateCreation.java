package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.TemplateFolders;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryPaths;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * `hn templates create`: a template in hannahanna's layout from what was set up by hand in a
 * worktree, its untracked and changed files (what a new worktree of the branch would not have),
 * under `files/`, with a README.md that describes it.
 */
@Singleton
public class TemplateCreation {
  private final Git git;

  public TemplateCreation(Git git) {
    this.git = git;
  }

  /** Returns the files copied, relative to the worktree. */
  public List<Path> create(Repo repo, String name, Worktree from, String description) {
    if (!TemplateFolders.validName(name)) {
      throw new HnException(
          "Invalid template name '" + name + "': letters, digits, '.', '_' and '-' (up to 64).");
    }
    Path folder = TemplateFolders.folder(repo.root(), name);
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new HnException(folder + " exists; pick another name, or remove it first.");
    }
    List<Path> files = changedFiles(from.path());
    if (files.isEmpty()) {
      throw new HnException(
          "'" + from.name() + "' has no untracked or changed files to make a template of.");
    }
    Path target =
        RepositoryPaths.noLinkOut(repo.root(), TemplateFolders.DIR + "/" + name, "a template");
    try {
      for (Path relative : files) {
        Path copy = target.resolve(WorktreeTemplates.FILES).resolve(relative);
        Files.createDirectories(copy.getParent());
        Files.copy(
            from.path().resolve(relative),
            copy,
            LinkOption.NOFOLLOW_LINKS,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
      Files.writeString(
          target.resolve("README.md"),
          "# "
              + (description == null || description.isBlank() ? name : description.strip())
              + "\n\nMade with 'hn templates create' from the worktree '"
              + from.name()
              + "'. 'hn add <name> --template "
              + name
              + "' copies files/ into a new worktree.\n");
    } catch (IOException e) {
      throw new HnException("Cannot write the template " + target + ": " + e.getMessage() + ".", e);
    }
    return files;
  }

  /** Untracked and changed files (not deleted ones, not links), from git's NUL-separated status. */
  private List<Path> changedFiles(Path worktree) {
    // stdout as it is: an entry's status begins with a space (" M file") that strip() would eat
    var result =
        git.run(worktree, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames");
    if (!result.ok()) {
      throw new HnException("git status failed in " + worktree + ": " + result.errorLine());
    }
    String status = result.stdout();
    List<Path> files = new ArrayList<>();
    for (String entry : status.split("\0")) {
      if (entry.length() > 3 && entry.charAt(0) != 'D' && entry.charAt(1) != 'D') {
        Path relative = Path.of(entry.substring(3));
        if (Files.isRegularFile(worktree.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
          files.add(relative);
        }
      }
    }
    return files;
  }
}
