package io.hannahanna.hn.cli;

import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.checkup.Check;
import io.hannahanna.hn.checkup.Doctor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check hn's surroundings and say what to fix.",
      "Check hn's surroundings, one line each with what to do when something is wrong: git,",
      "Docker CLI and daemon, compose, the registry file, ports taken by other programs,",
      "worktrees whose folder is gone, compose projects no worktree owns. Exit 1 on a failure.",
      "JSON: {\"checks\": [{name, status (ok|warn|fail), detail, fix}]}"
    },
    footer = {"", "Example:", "  hn doctor"})
public class DoctorCommand implements Callable<Integer> {
  private final Doctor doctor;
  private final Terminal terminal;

  @Mixin JsonOutput output;

  public DoctorCommand(Doctor doctor, Terminal terminal) {
    this.doctor = doctor;
    this.terminal = terminal;
  }

  /** The JSON shape of one check: {name, status (ok|warn|fail), detail, fix}. */
  public record CheckView(String name, String status, String detail, String fix) {
    static CheckView of(Check c) {
      return new CheckView(c.name(), c.status().id(), c.detail(), c.fix());
    }
  }

  @Override
  public Integer call() {
    List<Check> checks = doctor.run();
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(Map.of("checks", checks.stream().map(CheckView::of).toList()));
    } else {
      Table table = new Table().paint(0, terminal::verdict);
      for (Check c : checks) {
        boolean ok = c.status() == Check.Status.OK;
        table.row(
            c.status().id().toUpperCase(Locale.ROOT),
            c.name(),
            c.detail() + (c.fix().isEmpty() || ok ? "" : " → " + c.fix()));
      }
      table.print(out);
    }
    return checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL)
        ? ExitCode.FAILURE
        : ExitCode.OK;
  }
}
