package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.ForEachWorktree;
import io.hannahanna.hn.worktree.ForEachWorktree.EachRequest;
import io.hannahanna.hn.worktree.ForEachWorktree.Outcome;
import io.hannahanna.hn.worktree.Worktree;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "each",
    mixinStandardHelpOptions = true,
    description = {
      "Run a command in every worktree.",
      "The command is run as given (no shell: write 'sh -c' for one), in each worktree's folder,",
      "with the WT_* variables of hooks set; every line it prints starts with [<worktree>].",
      "Exit code 0 when it succeeded everywhere, 1 otherwise.",
      "JSON: {\"results\": [{name, path, exitCode, skipped}]} (the commands' output goes to stderr)"
    },
    footer = {
      "",
      "Examples:",
      "  hn each -- git status --short",
      "  hn each --parallel 4 --tag backend -- make test",
      "  hn each --filter 'feat-*' -- sh -c 'echo $WT_NAME: $(git log -1 --format=%%s)'"
    })
public class EachCommand implements Callable<Integer> {
  private final ForEachWorktree forEach;

  @Mixin JsonOutput output;

  @Option(
      names = "--filter",
      paramLabel = "<glob>",
      description = "Only worktrees whose name matches.")
  String filter;

  @Option(names = "--tag", paramLabel = "<tag>", description = "Only worktrees with this tag.")
  String tag;

  @Option(names = "--include-main", description = "Run in the main checkout too.")
  boolean includeMain;

  @Option(
      names = "--parallel",
      paramLabel = "<n>",
      defaultValue = "1",
      parameterConsumer = CountIfGiven.class,
      description =
          "Run in up to n worktrees at once (default: one after another; without n: 4, as"
              + " hannahanna's --parallel).")
  int parallel;

  @Option(
      names = "--docker-running",
      description = "Only worktrees whose Docker stack runs (some of its containers at least).")
  boolean dockerRunning;

  @Option(names = "--stop-on-error", description = "Start no further runs after one fails.")
  boolean stopOnError;

  @Parameters(
      arity = "1..*",
      paramLabel = "<command>",
      description = "After --: the command and its arguments.")
  List<String> command;

  private final io.hannahanna.hn.compose.EngineInventory inventory;

  public EachCommand(ForEachWorktree forEach, io.hannahanna.hn.compose.EngineInventory inventory) {
    this.forEach = forEach;
    this.inventory = inventory;
  }

  /** The worktrees whose stack has a running container (one look at the engine), or null: all. */
  private java.util.Set<String> withRunningStacks() {
    if (!dockerRunning) {
      return null;
    }
    inventory.containers(); // fails clearly when Docker is not reachable
    java.util.Set<String> running = new java.util.HashSet<>();
    inventory
        .status(forEach.chosen(filter, tag, includeMain), false)
        .forEach(
            (name, status) -> {
              if (status.running() > 0) {
                running.add(name);
              }
            });
    return running;
  }

  /** One worktree's result as `--json` prints it. */
  record ResultView(String name, String path, Integer exitCode, boolean skipped) {
    static ResultView of(Outcome o) {
      return new ResultView(
          o.worktree().name(), o.worktree().path().toString(), o.exitCode(), o.exitCode() == null);
    }
  }

  @Override
  public Integer call() {
    // with --json stdout is the document alone, so the commands' own output goes to stderr
    PrintWriter lines = output.json() ? output.err() : output.out();
    List<Outcome> outcomes =
        forEach.run(
            new EachRequest(
                command, filter, tag, includeMain, parallel, stopOnError, withRunningStacks()),
            new ForEachWorktree.Streams() {
              @Override
              public PrintWriter out(Worktree w) {
                return LinePrefixer.of(lines, "[" + w.name() + "] ");
              }

              @Override
              public PrintWriter err(Worktree w) {
                return LinePrefixer.of(output.err(), "[" + w.name() + "] ");
              }
            });
    if (output.json()) {
      output.printJson(Map.of("results", outcomes.stream().map(ResultView::of).toList()));
    }
    List<String> failed =
        outcomes.stream().filter(o -> !o.ok()).map(o -> o.worktree().name()).toList();
    if (outcomes.isEmpty()) {
      output.info("No worktree matched; nothing was run.");
    } else if (!failed.isEmpty()) {
      output.info("Failed or skipped in " + String.join(", ", failed) + ".");
    }
    return failed.isEmpty() ? ExitCode.OK : ExitCode.FAILURE;
  }

  /** --parallel takes a number if one follows; hannahanna's bare --parallel means 4. */
  static final class CountIfGiven implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec option, CommandSpec command) {
      boolean given = !args.isEmpty() && args.peek().matches("\\d{1,4}");
      option.setValue(given ? Integer.parseInt(args.pop()) : 4);
    }
  }
}
