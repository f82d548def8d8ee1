package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.TemplateFolders;
import io.hannahanna.hn.process.ProcessResult;
import io.hannahanna.hn.repo.Git;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.repo.WorktreeName;
import io.hannahanna.hn.state.StateDirectory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `hn add`: creates a worktree and its environment; any failure rolls all of it back. */
@Singleton
public class WorktreeCreation {
  private final Workspace workspace;
  private final Git git;
  private final WorktreeStore store;
  private final Hooks hooks;
  private final SharedResources shared;
  private final Worktrees worktrees;
  private final WorktreeCleanup cleanup;
  private final WorktreeTemplates templates;
  private final io.hannahanna.hn.Diagnostics diagnostics;

  public WorktreeCreation(
      Workspace workspace,
      Git git,
      WorktreeStore store,
      Hooks hooks,
      SharedResources shared,
      Worktrees worktrees,
      WorktreeCleanup cleanup,
      WorktreeTemplates templates,
      io.hannahanna.hn.Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.templates = templates;
    this.workspace = workspace;
    this.git = git;
    this.store = store;
    this.hooks = hooks;
    this.shared = shared;
    this.worktrees = worktrees;
    this.cleanup = cleanup;
  }

  /**
   * What `hn add` was asked for.
   *
   * @param branch the branch to create or (existingBranch) check out; null: named like the worktree
   * @param sparse folders to check out alone; null: `sparse` of the config (empty: everything)
   * @param template a folder of `.hn-templates` to copy in; null: none
   */
  public record AddRequest(
      String name,
      String branch,
      String from,
      boolean existingBranch,
      boolean runHooks,
      List<String> sparse,
      String template) {
    public AddRequest(
        String name, String branch, String from, boolean existingBranch, boolean runHooks) {
      this(name, branch, from, existingBranch, runHooks, null, null);
    }
  }

  public Worktree add(AddRequest request) {
    return add(request, WorktreeEnvironment.NONE);
  }

  /** Creates the worktree and sets up its environment; any failure rolls all of it back. */
  public Worktree add(AddRequest request, WorktreeEnvironment environment) {
    String name = WorktreeName.validate(request.name());
    Repo repo = workspace.repo();
    shared.validate(repo.config());
    List<Worktree> existing = worktrees.list();
    if (existing.stream().anyMatch(w -> w.name().equals(name))) {
      throw new HnException("A worktree named '" + name + "' already exists; pick another name.");
    }
    Optional<String> sameButCase =
        existing.stream().map(Worktree::name).filter(name::equalsIgnoreCase).findFirst();
    if (sameButCase.isPresent()) {
      throw new HnException(
          "A worktree named '"
              + sameButCase.get()
              + "' exists; names that differ only in case would share a compose project (and a"
              + " folder on case-insensitive disks), so pick another name.");
    }
    Path path = worktrees.worktreeBase(repo).resolve(name);
    if (Files.exists(path)) {
      throw new HnException(path + " already exists; remove it or pick another name.");
    }
    String parent = currentName(repo, existing);
    String branch = request.branch() == null ? name : validBranch(repo, request.branch());
    List<String> sparse =
        request.sparse() != null
            ? SparsePaths.validate(request.sparse(), "--sparse")
            : SparsePaths.validate(repo.config().sparse(), "sparse in the config");
    if (request.template() != null) {
      templates.files(TemplateFolders.folder(repo.root(), request.template())); // links refused
    }
    List<String> argv = new ArrayList<>(List.of("worktree", "add"));
    if (!sparse.isEmpty()) {
      argv.add("--no-checkout"); // checked out below, once git knows which folders
    }
    String branchCreatedAt = null;
    if (request.existingBranch()) {
      if (!git.branchExists(repo.current(), branch)) {
        throw new HnException(
            "There is no branch '" + branch + "' to check out; drop --no-branch to create it.");
      }
      argv.addAll(List.of("--end-of-options", path.toString(), branch));
    } else {
      if (git.branchExists(repo.current(), branch)) {
        throw new HnException(
            "Branch '" + branch + "' already exists; use --no-branch to check it out.");
      }
      branchCreatedAt = commitOf(repo, request.from());
      argv.addAll(List.of("-b", branch, path.toString(), branchCreatedAt));
    }
    if (request.runHooks() && !repo.config().hooks().at("pre_create").isEmpty()) {
      // before anything exists: a failing pre_create leaves nothing to roll back
      Worktree planned =
          new Worktree(
              name,
              branch,
              (branchCreatedAt != null ? branchCreatedAt : commitOf(repo, branch)).substring(0, 7),
              path,
              parent,
              false,
              false,
              false,
              null);
      hooks.run(repo, "pre_create", name, branch, repo.current(), Worktrees.hookEnv(repo, planned));
    }
    createParents(path);
    Path real = Worktrees.real(path.getParent()).resolve(name);
    // The intent comes first: if hn is killed from here on, the next hn rolls it back.
    if (!store.insertCreating(
        repo,
        new WorktreeRecord(name, real, parent, Instant.now().truncatedTo(ChronoUnit.SECONDS)),
        branchCreatedAt == null ? null : branch,
        branchCreatedAt)) {
      throw new HnException(
          "A worktree named '" + name + "' is being created or removed; pick another name.");
    }
    try {
      ProcessResult added =
          GitWorktreeList.change(git, repo, repo.current(), argv.toArray(String[]::new));
      if (!added.ok()) {
        throw new HnException("git could not create the worktree: " + added.errorLine());
      }
      if (!sparse.isEmpty()) {
        checkOutSparse(real, sparse);
        diagnostics.info(
            "Checked out only "
                + String.join(", ", sparse)
                + " (and the top-level files); 'git sparse-checkout add <folder>' there adds more.");
      }
      Files.createDirectories(
          StateDirectory.ensure(repo.stateDir()).resolve("worktrees").resolve(name));
      shared.apply(repo.config(), repo.root(), real);
      Worktree created = worktrees.find(name);
      Map<String, String> env = Worktrees.hookEnv(repo, created);
      env.putAll(environment.setUp(created));
      if (request.template() != null) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("worktree_name", name);
        values.put("branch", created.branch() == null ? "" : created.branch());
        values.put("repo_name", repo.name());
        values.putAll(environment.templateValues(created));
        templates.copy(repo, request.template(), real, values);
      }
      if (request.runHooks()) {
        hooks.run(repo, "post_create", name, created.branch(), real, env);
      }
      store.markReady(repo, name);
      return created;
    } catch (RuntimeException | IOException e) {
      cleanup.rollBack(
          repo, name, real, branch, branchCreatedAt, environment, worktrees.mainName());
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new HnException(
          reason.replaceFirst("\\.$", "") + "; the new worktree '" + name + "' was rolled back.",
          e);
    }
  }

  private void checkOutSparse(Path worktree, List<String> folders) {
    List<String> argv = new ArrayList<>(List.of("sparse-checkout", "set", "--cone", "--"));
    argv.addAll(folders);
    git.output(worktree, argv.toArray(String[]::new));
    git.output(worktree, "checkout", "--quiet");
  }

  private String currentName(Repo repo, List<Worktree> existing) {
    return existing.stream()
        .filter(Worktree::current)
        .map(Worktree::name)
        .findFirst()
        .orElse(repo.current().getFileName().toString());
  }

  /** A branch name as git accepts it; it comes from the user, so git itself checks it. */
  private String validBranch(Repo repo, String branch) {
    if (branch.startsWith("-")
        || branch.equals("HEAD")
        || !git.run(repo.current(), "check-ref-format", "refs/heads/" + branch).ok()) {
      throw new HnException(
          "'" + branch + "' is not a valid branch name (see 'git help check-ref-format').");
    }
    return branch;
  }

  private String commitOf(Repo repo, String from) {
    String ref = from == null ? "HEAD" : from;
    if (ref.startsWith("-")) {
      throw new HnException(
          "'" + ref + "' is not a git ref; --from takes a branch, tag or commit.");
    }
    ProcessResult result =
        git.run(repo.current(), "rev-parse", "--verify", "--quiet", ref + "^{commit}");
    if (!result.ok()) {
      throw new HnException(
          "'" + ref + "' is not a branch, tag or commit of this repository; check --from.");
    }
    return result.stdout().strip();
  }

  private static void createParents(Path path) {
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new HnException("Cannot create " + path.getParent() + ": " + e.getMessage() + ".", e);
    }
  }
}
