package io.hannahanna.hn.cli;

import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.compose.HealthChecks;
import io.hannahanna.hn.worktree.Worktrees;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "The health of each service now, without waiting.",
      "JSON: {\"services\": [{service, state, health, detail, verdict}]}"
    },
    footer = {
      "",
      "Examples:",
      "  hn docker health feat-x",
      "  hn docker health feat-x --json | jq -r '.services[] | select(.verdict != \"healthy\") | .service'"
    })
public class DockerHealthCommand implements Callable<Integer> {
  private final Worktrees worktrees;
  private final HealthChecks health;
  private final Terminal terminal;

  @Mixin JsonOutput output;

  @Parameters(paramLabel = "<worktree>", description = "Worktree name, or part of it.")
  String name;

  public DockerHealthCommand(Worktrees worktrees, HealthChecks health, Terminal terminal) {
    this.worktrees = worktrees;
    this.health = health;
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    List<HealthChecks.ServiceHealth> services = health.check(worktrees.find(name));
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(Map.of("services", services.stream().map(HealthView::of).toList()));
      return ExitCode.OK;
    }
    Table table =
        new Table()
            .row("SERVICE", "STATE", "HEALTH", "VERDICT", "DETAIL")
            .paint(3, terminal::verdict);
    services.forEach(
        h ->
            table.row(
                h.service(),
                h.state(),
                h.health().isEmpty() ? "-" : h.health(),
                h.verdict().id(),
                h.detail()));
    table.print(out);
    return ExitCode.OK;
  }

  /** The JSON shape of one service in `hn docker health --json`. */
  public record HealthView(
      String service, String state, String health, String detail, String verdict) {
    static HealthView of(HealthChecks.ServiceHealth h) {
      return new HealthView(h.service(), h.state(), h.health(), h.detail(), h.verdict().id());
    }
  }
}
