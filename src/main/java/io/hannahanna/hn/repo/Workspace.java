package io.hannahanna.hn.repo;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.ConfigLoader;
import io.hannahanna.hn.config.TemplateFolders;
import io.hannahanna.hn.process.ProcessResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the repository around the directory hn was started in (or the one given with -C). */
@RequestScoped
public class Workspace {
  private final Git git;
  private final ConfigLoader configLoader;
  private Path startDirectory = Path.of("").toAbsolutePath();
  private Repo repo;
  private boolean defaultsOnConfigError;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  Workspace() {
    this(null, null);
  }

  @Inject
  public Workspace(Git git, ConfigLoader configLoader) {
    this.git = git;
    this.configLoader = configLoader;
  }

  public void startIn(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new HnException("No such directory: " + directory + ".");
    }
    this.startDirectory = directory.toAbsolutePath().normalize();
    this.repo = null;
  }

  /**
   * From now on a broken config is a warning and hn's defaults are used: for `hn list`, `hn config
   * show` and `hn remove`, which a config error must never lock anyone out of.
   */
  public void defaultsOnConfigError() {
    defaultsOnConfigError = true;
  }

  public Path startDirectory() {
    return startDirectory;
  }

  public Repo repo() {
    if (repo == null) {
      repo = locate();
    }
    return repo;
  }

  /** The repository with a template's config fragment merged in (see TemplateFolders). */
  public Repo withTemplate(String template) {
    if (!TemplateFolders.names(repo().root()).contains(template)) {
      List<String> known = TemplateFolders.names(repo().root());
      throw new HnException(
          "There is no template '"
              + template
              + "' in "
              + repo().root().resolve(TemplateFolders.DIR)
              + (known.isEmpty() ? "" : " (there are: " + String.join(", ", known) + ")")
              + "; see 'hn templates'.");
    }
    return locate(template);
  }

  /** From now on this process works with the template's fragment merged in (for hn add). */
  public void useTemplate(String template) {
    repo = withTemplate(template);
  }

  private Repo locate() {
    return locate(null);
  }

  private Repo locate(String template) {
    String[] lines = gitDirs();
    Path commonDir = Path.of(lines[0]);
    if (!commonDir.getFileName().toString().equals(".git")) {
      throw new HnException(
          "hn needs a repository with a main checkout; " + commonDir + " is a bare repository.");
    }
    try {
      Path root = commonDir.getParent().toRealPath();
      Path current = Path.of(lines[1]).toRealPath();
      ConfigLoader.Loaded config =
          defaultsOnConfigError && template == null
              ? configLoader.readOrDefaults(root)
              : configLoader.read(root, template);
      keepLocalConfigOutOfGit(root);
      return new Repo(root, current, config.config(), config.digest(), RepositoryId.of(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where git says the repository is, from a folder: its common dir and the checkout's top level.
   * Asked once per folder in this process while both still exist: `hn mcp` answers every call from
   * the same folder, and a git process costs a few ms of each.
   */
  private static final java.util.Map<Path, String[]> LOCATED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private String[] gitDirs() {
    String[] known = LOCATED.get(startDirectory);
    if (known != null
        && java.nio.file.Files.isDirectory(Path.of(known[0]))
        && java.nio.file.Files.isDirectory(Path.of(known[1]))) {
      return known;
    }
    ProcessResult result =
        git.run(
            startDirectory,
            "rev-parse",
            "--path-format=absolute",
            "--git-common-dir",
            "--show-toplevel");
    String[] lines = result.stdout().strip().split("\n");
    if (!result.ok() && !result.stderr().contains("not a git repository")) {
      // git itself fails here (a broken config, say): its own words say what to fix
      throw new HnException("git failed in " + startDirectory + ": " + result.errorLine());
    }
    if (!result.ok() || lines.length < 2) {
      throw new HnException(
          "Not inside a git repository ("
              + startDirectory
              + "); run hn from a repository's checkout or one of its worktrees.");
    }
    LOCATED.put(startDirectory, lines);
    return lines;
  }

  /** The personal config is nobody else's business: git status never offers to commit it. */
  private static void keepLocalConfigOutOfGit(Path root) {
    Path local = root.resolve(ConfigLoader.LOCAL_FILE_NAME);
    if (java.nio.file.Files.isRegularFile(local, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        GitExclude.add(root, root, local);
      } catch (IOException e) {
        // a read-only .git: the file then shows in git status, nothing worse
      }
    }
  }
}
