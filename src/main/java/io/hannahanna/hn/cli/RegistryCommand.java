package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RegistryQuery;
import io.hannahanna.hn.state.RegistryRepair;
import io.hannahanna.hn.state.RegistryRepair.Repair;
import io.hannahanna.hn.state.RepositoryStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = {
      "The state database itself: where it is, read-only SQL, repair, forgetting a repository.",
      "Views for queries: port_allocations_v, worktrees_v, network_allocations_v."
    },
    footer = {
      "",
      "Examples:",
      "  hn registry path",
      "  hn registry sql \"SELECT worktree, host_port FROM port_allocations_v\"",
      "  sqlite3 \"$(hn registry path)\" '.tables'"
    })
public class RegistryCommand {
  private final Database database;
  private final RegistryRepair repair;
  private final RegistryQuery query;
  private final RepositoryStore repositories;

  @Mixin Output output;

  public RegistryCommand(
      Database database, RegistryRepair repair, RegistryQuery query, RepositoryStore repositories) {
    this.database = database;
    this.repair = repair;
    this.query = query;
    this.repositories = repositories;
  }

  @Command(
      name = "path",
      mixinStandardHelpOptions = true,
      description = "Print the database file's path.",
      footer = {"", "Example:", "  sqlite3 \"$(hn registry path)\" 'SELECT * FROM worktrees_v'"})
  int path() {
    output.result(database.file());
    return ExitCode.OK;
  }

  @Command(
      name = "sql",
      mixinStandardHelpOptions = true,
      description = {
        "Run a read-only SQL query on the registry.",
        "Run a read-only query and print its rows (tab-separated with a header, or JSON:",
        "an array of objects). It writes nothing anywhere: only statements that read are run,",
        "on a read-only connection with PRAGMA query_only."
      },
      footer = {"", "Example:", "  hn registry sql --json \"SELECT * FROM port_allocations_v\""})
  int sql(
      @Parameters(paramLabel = "<query>", description = "One SQL statement that reads.") String sql,
      @Mixin JsonOutput output) {
    List<Map<String, Object>> rows = query.run(sql);
    PrintWriter out = output.out();
    if (output.json()) {
      output.printJson(rows);
      return ExitCode.OK;
    }
    if (!rows.isEmpty()) {
      out.println(String.join("\t", rows.get(0).keySet()));
    }
    for (Map<String, Object> row : rows) {
      out.println(String.join("\t", row.values().stream().map(String::valueOf).toList()));
    }
    out.flush();
    return ExitCode.OK;
  }

  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = {
        "Delete a repository's rows from the registry.",
        "Delete the registry's rows of a repository (its worktrees and ports), for one",
        "that no longer exists; 'hn doctor' lists them."
      },
      footer = {"", "Example:", "  hn registry forget /home/me/old-checkout"})
  int forget(
      @Parameters(
              paramLabel = "<path>",
              description = "The repository's path, as hn doctor shows it.")
          String path) {
    PrintWriter err = output.err();
    if (!repositories.forget(path)) {
      throw new HnException(
          "The registry has no repository " + path + "; 'hn doctor' lists those it holds.");
    }
    err.println("Forgot " + path + ": its worktree and port rows are gone.");
    err.flush();
    return ExitCode.OK;
  }

  @Command(
      name = "repair",
      mixinStandardHelpOptions = true,
      description = {
        "Repair a damaged registry, keeping the damaged file as a backup.",
        "If the database is damaged: keep it as <file>.broken-<time>, create a new one",
        "and copy over every row that can still be read. A healthy database is left alone."
      },
      footer = {"", "Example:", "  hn registry repair"})
  int repair() {
    Repair repair = this.repair.repair();
    PrintWriter err = output.err();
    if (repair.backup() == null) {
      err.println(repair.file() + " is healthy (or absent); nothing to repair.");
    } else {
      err.println(
          "Moved the damaged database to "
              + repair.backup()
              + " and created a new "
              + repair.file()
              + ".");
      repair.salvaged().forEach(line -> err.println("  " + line));
    }
    err.flush();
    return ExitCode.OK;
  }
}
