package io.hannahanna.hn.cli;

import io.hannahanna.hn.repo.Workspace;
import io.hannahanna.hn.worktree.WorktreeTemplates;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    description = {
      "List the templates in .hn-templates/ for 'hn add --template <name>'.",
      "A template is a folder of files copied into the new worktree ({{worktree_name}},",
      "{{branch}} and {{port.<service>}} filled in in text files) and, optionally, a",
      ".hannahanna.yml merged over the repository's for that add (trusted with the repository).",
      "hannahanna's layout works as it is: files under files/ (${HNHN_NAME}, ${HNHN_PATH},",
      "${HNHN_BRANCH} filled in), described by README.md or template.description.",
      "JSON: {\"templates\": [{name, path, files, config, description, layout}]}"
    },
    footer = {"", "Examples:", "  hn templates", "  hn add demo --template with-seed-data"},
    subcommands = {
      TemplatesCommand.ListTemplates.class,
      TemplateShowCommand.class,
      TemplateCreateCommand.class
    })
public class TemplatesCommand implements Callable<Integer> {
  private final WorktreeTemplates templates;
  private final Workspace workspace;

  @Mixin JsonOutput output;

  public TemplatesCommand(WorktreeTemplates templates, Workspace workspace) {
    this.templates = templates;
    this.workspace = workspace;
  }

  /** One template as `--json` prints it. */
  record TemplateView(
      String name, String path, int files, boolean config, String description, String layout) {
    static TemplateView of(WorktreeTemplates.Template t) {
      return new TemplateView(
          t.name(),
          t.folder().toString(),
          t.files().size(),
          t.config(),
          t.description(),
          t.layout());
    }
  }

  @Override
  public Integer call() {
    return print(templates, workspace, output);
  }

  /** `hn templates list`: hannahanna's spelling of `hn templates`. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the templates, as 'hn templates' does (hannahanna's spelling).",
      footer = {"", "Example:", "  hn templates list --json"})
  public static class ListTemplates implements Callable<Integer> {
    private final WorktreeTemplates templates;
    private final Workspace workspace;

    @Mixin JsonOutput output;

    public ListTemplates(WorktreeTemplates templates, Workspace workspace) {
      this.templates = templates;
      this.workspace = workspace;
    }

    @Override
    public Integer call() {
      return print(templates, workspace, output);
    }
  }

  private static int print(WorktreeTemplates templates, Workspace workspace, Output output) {
    List<TemplateView> views =
        templates.list(workspace.repo()).stream().map(TemplateView::of).toList();
    if (output.json()) {
      output.printJson(Map.of("templates", views));
    } else if (views.isEmpty()) {
      output.info(
          "No templates: make a folder .hn-templates/<name>/ in the main checkout with the files"
              + " a new worktree should get.");
    } else {
      Table table = new Table();
      views.forEach(
          v ->
              table.row(
                  v.name(),
                  v.files() + " file(s)",
                  v.config() ? "+ .hannahanna.yml" : "",
                  v.description() == null ? v.path() : v.description()));
      table.print(output.out());
      output.info(views.size() + (views.size() == 1 ? " template." : " templates."));
    }
    return ExitCode.OK;
  }
}
