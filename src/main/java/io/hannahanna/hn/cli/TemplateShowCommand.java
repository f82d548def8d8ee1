package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.WorktreeTemplates;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show one template: what it is for, its layout, the files a new worktree gets.",
      "JSON: {name, path, description, layout, config, files: [paths]}"
    },
    footer = {"", "Example:", "  hn templates show microservice"})
public class TemplateShowCommand implements Callable<Integer> {
  private final WorktreeTemplates templates;
  private final Workspace workspace;
  @Mixin JsonOutput output;

  @Parameters(paramLabel = "<name>", description = "The template.")
  String name;

  public TemplateShowCommand(WorktreeTemplates templates, Workspace workspace) {
    this.templates = templates;
    this.workspace = workspace;
  }

  @Override
  public Integer call() {
    WorktreeTemplates.Template t = templates.template(workspace.repo(), name);
    boolean hannahanna = t.layout().equals("hannahanna");
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("name", t.name());
      doc.put("path", t.folder().toString());
      doc.put("description", t.description());
      doc.put("layout", t.layout());
      doc.put("config", t.config());
      doc.put("files", t.files().stream().map(Path::toString).toList());
      output.printJson(doc);
      return ExitCode.OK;
    }
    Table table = new Table();
    table.row("Template:", t.name());
    table.row("Description:", t.description() == null ? "-" : t.description());
    table.row("Location:", t.folder().toString());
    table.row("Layout:", hannahanna ? "hannahanna's (files/, ${HNHN_*})" : "hn's ({{…}})");
    table.row("Config:", t.config() ? ".hannahanna.yml, merged over the repository's" : "-");
    table.print(output.out());
    output.result("Files:");
    t.files().forEach(f -> output.result("  " + (hannahanna ? "files/" : "") + f));
    return ExitCode.OK;
  }
}
