package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.RepositoryPaths;
import io.hannahanna.hn.state.StateDirectory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The saved workspaces of a repository: one JSON file each in `.hn-state/workspaces/`, never
 * reached through a link a repository committed there.
 */
@Singleton
public class SavedWorkspaces {
  private static final String DIR = "workspaces";

  public void save(Repo repo, SavedWorkspace workspace, boolean replace) {
    Path file = file(repo, workspace.name());
    if (!replace && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new HnException(
          "A workspace named '"
              + workspace.name()
              + "' exists; pick another name, or --force to replace it.");
    }
    try {
      Files.createDirectories(file.getParent());
      Path partial = Files.createTempFile(file.getParent(), ".saving-", ".json");
      Files.writeString(partial, workspace.toJson());
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SavedWorkspace load(Repo repo, String name) {
    Path file = file(repo, SavedWorkspace.validName(name));
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new HnException(
          "There is no workspace '" + name + "'; 'hn workspace list' shows the saved ones.");
    }
    return read(file);
  }

  public List<SavedWorkspace> all(Repo repo) {
    Path dir = RepositoryPaths.noLinkOut(stateRoot(repo), DIR, "hn's saved workspaces");
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<SavedWorkspace> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            && !f.getFileName().toString().startsWith(".")) {
          all.add(read(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    all.sort(Comparator.comparing(SavedWorkspace::name));
    return all;
  }

  public void delete(Repo repo, String name) {
    load(repo, name);
    try {
      Files.delete(file(repo, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a workspace file from anywhere (an import): checked like any untrusted input. */
  public static SavedWorkspace read(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > SavedWorkspace.MAX_BYTES) {
        throw new HnException(file + " is not a workspace file (a regular file of up to 1 MB).");
      }
      return SavedWorkspace.parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new HnException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
  }

  private static Path file(Repo repo, String name) {
    return RepositoryPaths.noLinkOut(
        stateRoot(repo), DIR + "/" + name + ".json", "a saved workspace");
  }

  private static Path stateRoot(Repo repo) {
    return StateDirectory.ensure(repo.stateDir());
  }
}
