package io.hannahanna.hn.repo;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.config.TemplateFolders;
import io.hannahanna.hn.config.TrustStore;
import io.hannahanna.hn.config.TrustStore.Verdict;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which parts of a repository's `.hannahanna.yml` take effect. The file comes with the
 * repository, so whatever in it runs code (hooks, `docker.compose_command`) or places worktrees
 * outside the repository's folder (`worktree_dir`) is used only once the user has trusted the
 * file's current content with `hn trust`; until then hn does everything else and says once what it
 * skipped. `--no-hooks` turns all of it off, trusted or not.
 */
@RequestScoped
public class RepositoryTrust {
  private final TrustStore store;
  private final Diagnostics diagnostics;
  private boolean nothingFromTheRepository;
  private boolean told;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  RepositoryTrust() {
    this(null, null);
  }

  @Inject
  public RepositoryTrust(TrustStore store, Diagnostics diagnostics) {
    this.store = store;
    this.diagnostics = diagnostics;
  }

  /** `--no-hooks`: run nothing the repository names, even from a trusted file. */
  public void runNothingFromTheRepository() {
    nothingFromTheRepository = true;
  }

  public Verdict verdict(Repo repo) {
    return repo.configDigest() == null
        ? Verdict.UNTRUSTED
        : store.verdict(repo.configFile(), repo.configDigest());
  }

  /**
   * The settings of the file that need trust, by key, with their values (what `hn trust --show`
   * prints). Empty when the file asks for nothing that needs it.
   */
  public Map<String, String> needingTrust(Repo repo) {
    HnConfig config = repo.config();
    Map<String, String> items = new LinkedHashMap<>();
    for (String point : HnConfig.Hooks.POINTS) {
      List<HnConfig.Hook> hooks =
          config.hooks().at(point).stream().filter(h -> fromRepository(repo, h.origin())).toList();
      for (int i = 0; i < hooks.size(); i++) {
        putIfSet(
            items, "hooks." + point + (hooks.size() == 1 ? "" : "[" + i + "]"), hooks.get(i).run());
      }
    }
    config
        .aliases()
        .forEach(
            (name, expansion) -> {
              if (fromRepository(repo, config.origins().get("aliases." + name))) {
                items.put("aliases." + name, expansion);
              }
            });
    if (fromRepository(repo, config.origins().get("docker.compose_command"))) {
      putIfSet(items, "docker.compose_command", config.docker().composeCommand());
    }
    if (config.docker().autoStart()
        && fromRepository(repo, config.origins().get("docker.auto_start"))) {
      items.put("docker.auto_start", "true");
    }
    if (!config.docker().projectName().equals(HnConfig.Docker.DEFAULT_PROJECT_NAME)
        && fromRepository(repo, config.origins().get("docker.project_name"))) {
      items.put("docker.project_name", config.docker().projectName());
    }
    HnConfig.Seed seed = config.docker().seed();
    if (seed != null
        && seed.image() != null
        && fromRepository(repo, config.origins().get("docker.seed.image"))) {
      items.put("docker.seed.image", seed.image());
    }
    if (fromRepository(repo, config.origins().get("docker.context"))) {
      putIfSet(items, "docker.context", config.docker().engine().context());
    }
    if (!config.proxy().image().equals(HnConfig.Proxy.DEFAULT_IMAGE)
        && fromRepository(repo, config.origins().get("proxy.image"))) {
      items.put("proxy.image", config.proxy().image());
    }
    if (!besideTheRepository(repo, config.worktreeDir())
        && fromRepository(repo, config.origins().get("worktree_dir"))) {
      items.put("worktree_dir", config.worktreeDir());
    }
    return items;
  }

  /**
   * What needs trust in the repository's files and in each template's fragment (keyed
   * `templates.<name>.<key>`): trusting the repository trusts its templates too.
   */
  public Map<String, String> needingTrust(Repo repo, Workspace workspace) {
    Map<String, String> items = needingTrust(repo);
    for (String template : TemplateFolders.names(repo.root())) {
      if (TemplateFolders.fragment(repo.root(), template).isPresent()) {
        needingTrust(workspace.withTemplate(template))
            .forEach(
                (key, value) -> {
                  // a template repeating what the repository's file says adds nothing to trust
                  if (!items.containsValue(value)) {
                    items.put("templates." + template + "." + key, value);
                  }
                });
      }
    }
    return items;
  }

  /** The hook's script, or null when it is empty or may not run. */
  public String hook(Repo repo, String point, HnConfig.Hook hook) {
    if (hook.run() == null || hook.run().isBlank() || nothingFromTheRepository) {
      return null;
    }
    return !fromRepository(repo, hook.origin()) || allowed(repo, "hooks." + point)
        ? hook.run()
        : null;
  }

  /**
   * The config's aliases that may be used: the user's own, and the repository's once trusted (an
   * alias makes hn do things, such as `lsit: remove --force x` for someone who mistypes).
   */
  public Map<String, String> aliases(Repo repo) {
    Map<String, String> usable = new LinkedHashMap<>();
    repo.config()
        .aliases()
        .forEach(
            (name, expansion) -> {
              boolean mine = !fromRepository(repo, repo.config().origins().get("aliases." + name));
              if (mine || (!nothingFromTheRepository && allowed(repo, "aliases." + name))) {
                usable.put(name, expansion);
              }
            });
    return usable;
  }

  /** `docker.compose_command`, or null (hn then finds compose itself). */
  public String composeCommand(Repo repo) {
    String command = repo.config().docker().composeCommand();
    if (command == null || nothingFromTheRepository) {
      return null;
    }
    return !fromRepository(repo, repo.config().origins().get("docker.compose_command"))
            || allowed(repo, "docker.compose_command")
        ? command
        : null;
  }

  /**
   * Whether `docker.auto_start` takes effect: starting a repository's containers runs its code (a
   * compose file can mount `/`), so the repository's own setting needs trust. The caller says what
   * it did not start.
   */
  public boolean autoStart(Repo repo) {
    if (!repo.config().docker().autoStart()) {
      return false;
    }
    return !fromRepository(repo, repo.config().origins().get("docker.auto_start"))
        || (!nothingFromTheRepository && verdict(repo) == Verdict.TRUSTED);
  }

  /**
   * `docker.project_name`, or the default while the repository's own is untrusted: a name can aim
   * at another repository's project (`down` would remove its containers).
   */
  public String projectName(Repo repo) {
    String configured = repo.config().docker().projectName();
    if (configured.equals(HnConfig.Docker.DEFAULT_PROJECT_NAME)
        || !fromRepository(repo, repo.config().origins().get("docker.project_name"))
        || allowed(repo, "docker.project_name")) {
      return configured;
    }
    return HnConfig.Docker.DEFAULT_PROJECT_NAME;
  }

  /**
   * The image that copies volumes (docker.seed.image), or hn's default while the repository's own
   * is untrusted: its programs run with the source's data mounted.
   */
  public String seedImage(Repo repo) {
    HnConfig.Seed seed = repo.config().docker().seed();
    if (seed == null || seed.image() == null) {
      return HnConfig.Seed.DEFAULT_IMAGE;
    }
    return !fromRepository(repo, repo.config().origins().get("docker.seed.image"))
            || (!nothingFromTheRepository && allowed(repo, "docker.seed.image"))
        ? seed.image()
        : HnConfig.Seed.DEFAULT_IMAGE;
  }

  /**
   * `docker.context`, or null (the shell's engine) while the repository's own is untrusted: it
   * picks which of the user's engines runs the repository's containers.
   */
  public String dockerContext(Repo repo) {
    String context = repo.config().docker().engine().context();
    return context == null
            || !fromRepository(repo, repo.config().origins().get("docker.context"))
            || allowed(repo, "docker.context")
        ? context
        : null;
  }

  /** `proxy.image`, or the official image while the repository's own is untrusted (it runs). */
  public String proxyImage(Repo repo) {
    String configured = repo.config().proxy().image();
    return configured.equals(HnConfig.Proxy.DEFAULT_IMAGE)
            || !fromRepository(repo, repo.config().origins().get("proxy.image"))
            || (!nothingFromTheRepository && allowed(repo, "proxy.image"))
        ? configured
        : HnConfig.Proxy.DEFAULT_IMAGE;
  }

  /** `worktree_dir`, or the default when it leads outside the repository's folder untrusted. */
  public String worktreeDir(Repo repo) {
    String configured = repo.config().worktreeDir();
    if (besideTheRepository(repo, configured)
        || !fromRepository(repo, repo.config().origins().get("worktree_dir"))
        || allowed(repo, "worktree_dir")) {
      return configured;
    }
    return HnConfig.DEFAULT_WORKTREE_DIR;
  }

  /**
   * Whether a setting was written in one of the repository's files (which come with a clone and
   * need trust) rather than in the user's own config.
   */
  private static boolean fromRepository(Repo repo, String origin) {
    return origin == null || origin.startsWith(repo.root() + "/");
  }

  /**
   * A relative folder in the folder that holds the main checkout (like the default
   * ../{repo}-worktrees) needs no trust; an absolute one or one further out does.
   */
  private static boolean besideTheRepository(Repo repo, String worktreeDir) {
    Path given = Path.of(worktreeDir.replace("{repo}", repo.name()));
    Path parent = repo.root().getParent();
    return !given.isAbsolute()
        && parent != null
        && repo.root().resolve(given).normalize().startsWith(parent)
        && RepositoryPaths.resolvingLinks(repo.root().resolve(given).normalize())
            .flatMap(real -> RepositoryPaths.resolvingLinks(parent).map(real::startsWith))
            .orElse(false);
  }

  private boolean allowed(Repo repo, String key) {
    Verdict verdict = verdict(repo);
    if (verdict == Verdict.TRUSTED) {
      return true;
    }
    if (!told) {
      told = true;
      List<String> skipped = new ArrayList<>(needingTrust(repo).keySet());
      diagnostics.info(
          "hn: "
              + repo.configFile()
              + (verdict == Verdict.CHANGED ? " changed since you trusted it" : " is not trusted")
              + ", so hn skipped "
              + String.join(", ", skipped.isEmpty() ? List.of(key) : skipped)
              + "; review it with 'hn trust --show' and allow it with 'hn trust'.");
    }
    return false;
  }

  private static void putIfSet(Map<String, String> items, String key, String value) {
    if (value != null && !value.isBlank()) {
      items.put(key, value);
    }
  }
}
