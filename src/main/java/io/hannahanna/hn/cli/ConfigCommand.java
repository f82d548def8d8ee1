package io.hannahanna.hn.cli;

import io.hannahanna.hn.config.ConfigDocument;
import io.hannahanna.hn.config.ConfigLoader;
import io.hannahanna.hn.config.HnConfig;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.Workspace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Show the config hn uses here and the files it comes from.",
      "Config is merged from, lowest first: the user's ~/.config/hn/config.yml",
      "($XDG_CONFIG_HOME/hn/config.yml), the repository's .hannahanna.yml and the personal",
      ".hannahanna.local.yml beside it. Scalars override, mappings merge, lists append",
      "(docker.ports.range, docker.compose_file and docker.networks.pool are replaced whole)."
    },
    footer = {"", "Examples:", "  hn config show --origin", "  hn config path"},
    subcommands = {
      ConfigCommand.Show.class,
      ConfigCommand.Paths.class,
      ConfigValidateCommand.class,
      ConfigInitCommand.class
    })
public class ConfigCommand {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print the effective config as YAML.",
        "With --origin, one line per setting with the file:line:col it came from (or default).",
        "JSON: {\"config\": {…}, \"files\": [paths read], \"origins\": {\"<key>\": \"file:line:col\"}}"
      },
      footer = {"", "Example:", "  hn config show --origin | grep docker.ports"})
  public static class Show implements Callable<Integer> {
    private final Workspace workspace;
    private final ConfigLoader loader;

    @Mixin JsonOutput output;

    @Option(names = "--origin", description = "Name the file and line of every setting.")
    boolean origin;

    public Show(Workspace workspace, ConfigLoader loader) {
      this.workspace = workspace;
      this.loader = loader;
    }

    @Override
    public Integer call() {
      workspace.defaultsOnConfigError();
      Repo repo = workspace.repo();
      HnConfig config = repo.config();
      Map<String, Object> document = ConfigDocument.of(config);
      Map<String, String> origins = origins(config, ConfigDocument.leaves(document));
      PrintWriter out = output.out();
      if (output.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config", document);
        json.put("files", existing(loader.candidates(repo.root())));
        json.put("origins", origins);
        output.printJson(json);
      } else if (origin) {
        ConfigDocument.leaves(document)
            .forEach(
                (key, value) -> {
                  if (value instanceof List<?> items && fromSeveralFiles(config, key, items)) {
                    // a list that layers appended to: each item and the file that wrote it
                    for (int i = 0; i < items.size(); i++) {
                      String where = config.origins().getOrDefault(key + "[" + i + "]", "default");
                      out.println(key + "[" + i + "] = " + items.get(i) + "    # " + where);
                    }
                  } else {
                    out.println(
                        key
                            + " = "
                            + (value == null ? "~" : value)
                            + "    # "
                            + origins.getOrDefault(key, "default"));
                  }
                });
      } else {
        out.print(
            new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                .dumpToString(document));
      }
      out.flush();
      return ExitCode.OK;
    }

    private static boolean fromSeveralFiles(HnConfig config, String key, List<?> items) {
      java.util.Set<String> files = new java.util.HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        String where = config.origins().get(key + "[" + i + "]");
        files.add(where == null ? "" : where.replaceFirst(":\\d+:\\d+$", ""));
      }
      return files.size() > 1;
    }

    /** Where each leaf was set, for the leaves a file sets. */
    private static Map<String, String> origins(HnConfig config, Map<String, Object> leaves) {
      Map<String, String> origins = new LinkedHashMap<>();
      for (String key : leaves.keySet()) {
        // the item itself (a list's items can come from several files), else its key
        String where = config.origins().get(key);
        if (where == null && key.contains("]")) {
          where = config.origins().get(key.substring(0, key.lastIndexOf(']') + 1));
        }
        if (where == null) {
          where = config.origins().get(key.replaceAll("\\[\\d+]", ""));
        }
        if (key.startsWith("hooks.") && key.contains("[")) {
          String point = key.substring(6, key.indexOf('['));
          int index = Integer.parseInt(key.substring(key.indexOf('[') + 1, key.indexOf(']')));
          where = config.hooks().at(point).get(index).origin();
        }
        if (where != null) {
          origins.put(key, where);
        }
      }
      return origins;
    }
  }

  @Command(
      name = "path",
      mixinStandardHelpOptions = true,
      description = {
        "List the config files hn reads here, lowest layer first.",
        "One line each: layer, path, and whether it exists (read or absent)."
      },
      footer = {"", "Example:", "  hn config path"})
  public static class Paths implements Callable<Integer> {
    private static final List<String> LAYERS = List.of("user", "repository", "local");

    private final Workspace workspace;
    private final ConfigLoader loader;

    @Mixin JsonOutput output;

    public Paths(Workspace workspace, ConfigLoader loader) {
      this.workspace = workspace;
      this.loader = loader;
    }

    @Override
    public Integer call() {
      List<Path> files = loader.candidates(workspace.repo().root());
      Table table = new Table();
      for (int i = 0; i < files.size(); i++) {
        table.row(
            LAYERS.get(i), files.get(i).toString(), Files.exists(files.get(i)) ? "read" : "absent");
      }
      table.print(output.out());
      output.out().flush();
      return ExitCode.OK;
    }
  }

  private static List<String> existing(List<Path> files) {
    return files.stream().filter(Files::exists).map(Path::toString).toList();
  }
}
