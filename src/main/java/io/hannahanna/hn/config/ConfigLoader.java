package io.hannahanna.hn.config;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig.Docker;
import io.hannahanna.hn.config.HnConfig.Hooks;
import io.hannahanna.hn.config.HnConfig.SharedResource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads `.hannahanna.yml`. Errors name the file, line and column; unknown keys are warnings, so a
 * newer config still works with an older hn.
 */
@Singleton
public class ConfigLoader {
  public static final String FILE_NAME = ".hannahanna.yml";

  /** A config file is a few lines; a huge one is refused before YAML parses it for minutes. */
  static final long MAX_SIZE = 1 << 20;

  /** The personal file beside `.hannahanna.yml`, kept out of git. */
  public static final String LOCAL_FILE_NAME = ".hannahanna.local.yml";

  private final Diagnostics diagnostics;
  private final Path userFile;
  private final ShownNotes shownNotes;

  /**
   * @param configHome XDG_CONFIG_HOME; the user's file is `hn/config.yml` in it, else in ~/.config
   */
  @jakarta.inject.Inject
  public ConfigLoader(
      Diagnostics diagnostics,
      @ConfigProperty(name = "xdg.config.home") Optional<String> configHome,
      @ConfigProperty(name = "xdg.state.home") Optional<String> stateHome) {
    this(
        diagnostics,
        UserDirs.config(configHome).resolve("hn/config.yml"),
        new ShownNotes(UserDirs.state(stateHome).resolve("hn/noted")));
  }

  /** With every note shown each time (nothing remembered). */
  public ConfigLoader(Diagnostics diagnostics, Path userFile) {
    this(diagnostics, userFile, new ShownNotes(null));
  }

  private ConfigLoader(Diagnostics diagnostics, Path userFile, ShownNotes shownNotes) {
    this.diagnostics = diagnostics;
    this.userFile = userFile;
    this.shownNotes = shownNotes;
  }

  /** With the user's file where the environment puts it (for tools and tests outside CDI). */
  public ConfigLoader(Diagnostics diagnostics) {
    this(
        diagnostics,
        Optional.ofNullable(System.getenv("XDG_CONFIG_HOME")),
        Optional.ofNullable(System.getenv("XDG_STATE_HOME")));
  }

  public HnConfig load(Path repoRoot) {
    return read(repoRoot).config();
  }

  /**
   * The merged config, the files it was read from (lowest layer first), and the SHA-256 of the
   * repository's files (`.hannahanna.yml`, and `.hannahanna.local.yml` where there is one; null
   * without either), which is what the user trusts. The user's own file needs no trust.
   */
  public record Loaded(HnConfig config, String digest, List<Path> files) {}

  /** The files a repository's config is read from, lowest layer first, whether they exist. */
  public List<Path> candidates(Path repoRoot) {
    return List.of(userFile, repoRoot.resolve(FILE_NAME), repoRoot.resolve(LOCAL_FILE_NAME));
  }

  public Loaded read(Path repoRoot) {
    return read(repoRoot, null);
  }

  /**
   * The config, or hn's defaults where the files are broken, said in a warning: for the commands a
   * config error must never lock out (seeing, inspecting and removing worktrees).
   */
  public Loaded readOrDefaults(Path repoRoot) {
    try {
      return read(repoRoot, null);
    } catch (io.hannahanna.hn.HnException e) {
      diagnostics.warn(
          io.hannahanna.hn.HnException.sentence(e.getMessage())
              + " This command goes on with hn's defaults; fix the file, then 'hn config show'.");
      return new Loaded(HnConfig.defaults(), null, List.of());
    }
  }

  /**
   * The config with a template's fragment (`.hn-templates/<template>/.hannahanna.yml`) merged over
   * the repository's file and under the local one; template null: none. The digest is the same
   * whichever template is used: it covers every template's fragment.
   */
  public Loaded read(Path repoRoot, String template) {
    Path repoFile = repoRoot.resolve(FILE_NAME);
    Path localFile = repoRoot.resolve(LOCAL_FILE_NAME);
    byte[] repoBytes = bytes(repoFile);
    byte[] localBytes = bytes(localFile);
    String digest = TrustDigest.of(repoRoot, repoBytes, localBytes, ConfigLoader::bytes);
    List<Path> layers = new ArrayList<>(candidates(repoRoot));
    if (template != null) {
      TemplateFolders.fragment(repoRoot, template).ifPresent(f -> layers.add(2, f));
    }
    List<Path> files = new ArrayList<>();
    StringBuilder read = new StringBuilder();
    Node merged = null;
    YamlNodes yaml = new YamlNodes(diagnostics);
    for (Path file : layers) {
      byte[] bytes =
          file.equals(repoFile) ? repoBytes : file.equals(localFile) ? localBytes : bytes(file);
      if (bytes == null) {
        continue;
      }
      files.add(file);
      read.append(file).append('\0').append(sha256(bytes)).append('\0');
      Optional<Node> root = compose(file, new String(bytes, StandardCharsets.UTF_8));
      if (root.isPresent()) {
        Node top = yaml.mapping(root.get(), "the top level");
        merged = merged == null ? top : ConfigLayers.merge(merged, top, "", userFile);
      }
    }
    if (merged == null) {
      return new Loaded(HnConfig.defaults(), digest, List.copyOf(files));
    }
    HnConfig config = read(yaml, yaml.mapping(merged, "the top level"));
    // once per content of the files: a note on every command would be noise
    if (!yaml.notes().isEmpty()
        && shownNotes.firstTime(sha256(read.toString().getBytes(StandardCharsets.UTF_8)))) {
      yaml.notes().forEach(diagnostics::info);
    }
    return new Loaded(config.withOrigins(yaml.origins()), digest, List.copyOf(files));
  }

  /**
   * A config file's bytes, or null when there is none. Only a regular file is read (a committed
   * link to /dev/zero or a FIFO would never end), and at most the limit of it.
   */
  static byte[] bytes(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    if (!Files.isRegularFile(file)) {
      throw new HnException(
          file
              + " is not a regular file (a device, a FIFO or a folder, or a link to one); hn reads"
              + " config only from regular files.");
    }
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_SIZE + 1);
      if (bytes.length > MAX_SIZE) {
        throw new HnException(
            file + " is larger than 1 MiB; hn reads config files of up to 1 MiB.");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new HnException("Cannot read " + file + ": " + e.getMessage() + ".", e);
    }
  }

  private static String sha256(byte[] bytes) {
    return TrustDigest.sha256(bytes);
  }

  private static Optional<Node> compose(Path file, String text) {
    LoadSettings settings =
        LoadSettings.builder().setLabel(file.toString()).setSchema(new CoreSchema()).build();
    try {
      return new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
          .getSingleNode();
    } catch (MarkedYamlEngineException e) {
      String where =
          e.getProblemMark()
              .map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
              .orElse(file.toString());
      throw new HnException(
          where + ": malformed YAML (" + e.getProblem() + "); fix the file and run hn again.", e);
    } catch (YamlEngineException e) {
      throw new HnException(file + ": malformed YAML (" + e.getMessage() + ").", e);
    }
  }

  private static HnConfig read(YamlNodes yaml, MappingNode top) {
    Map<String, Node> fields =
        yaml.fields(
            top,
            "",
            "worktree_dir",
            "hooks",
            "shared_resources",
            "shared",
            "docker",
            "aliases",
            "sparse",
            "proxy",
            "template"); // a template's own description (hannahanna's), not a setting
    HnConfig defaults = HnConfig.defaults();
    String worktreeDir =
        Optional.ofNullable(fields.get("worktree_dir"))
            .map(n -> SafeValues.path(yaml, n, "worktree_dir"))
            .orElse(defaults.worktreeDir());
    Hooks hooks =
        fields.containsKey("hooks")
            ? HooksSection.read(yaml, fields.get("hooks"))
            : defaults.hooks();
    List<SharedResource> resources = List.of();
    if (fields.containsKey("shared_resources")) {
      resources =
          yaml.list(fields.get("shared_resources"), "shared_resources").stream()
              .map(n -> SmallSections.sharedResource(yaml, n))
              .toList();
    }
    List<String> copies = List.of();
    if (fields.containsKey("shared")) {
      Map<String, Node> s =
          yaml.fields(yaml.mapping(fields.get("shared"), "shared"), "shared.", "copy");
      if (s.containsKey("copy")) {
        copies =
            yaml.list(s.get("copy"), "shared.copy").stream()
                .map(n -> SafeValues.path(yaml, n, "shared.copy"))
                .toList();
      }
    }
    Docker docker =
        fields.containsKey("docker")
            ? DockerSection.read(yaml, fields.get("docker"))
            : defaults.docker();
    Map<String, String> aliases = new LinkedHashMap<>();
    if (fields.containsKey("aliases")) {
      yaml.entries(yaml.mapping(fields.get("aliases"), "aliases"))
          .forEach((k, v) -> aliases.put(k, yaml.string(v, "aliases." + k)));
    }
    List<String> sparse =
        fields.containsKey("sparse") ? SmallSections.sparse(yaml, fields.get("sparse")) : List.of();
    HnConfig.Proxy proxy =
        fields.containsKey("proxy")
            ? SmallSections.proxy(yaml, fields.get("proxy"))
            : defaults.proxy();
    return new HnConfig(
        worktreeDir,
        hooks,
        resources,
        copies,
        docker,
        java.util.Collections.unmodifiableMap(aliases),
        sparse,
        proxy,
        Map.of());
  }
}
