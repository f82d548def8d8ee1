package io.hannahanna.hn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's --help: a one-line summary, its options with their defaults, an example. */
@QuarkusTest
class HelpTest {
  @Inject CommandLines commandLines;
  CommandLine hn;

  @org.junit.jupiter.api.BeforeEach
  void everyCommand() {
    hn = commandLines.create();
  }

  @Test
  void everyCommandHasASummaryOptionDefaultsAndAnExample() {
    List<String> problems = new ArrayList<>();
    for (CommandLine command : all(hn)) {
      CommandSpec spec = command.getCommandSpec();
      if (spec.usageMessage().hidden()) {
        continue;
      }
      String name = spec.qualifiedName();
      String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      String[] summary =
          spec.usageMessage().header().length > 0
              ? spec.usageMessage().header()
              : spec.usageMessage().description();
      if (summary.length == 0) {
        problems.add(name + ": no summary");
      } else if (!summary[0].strip().endsWith(".")) {
        // `hn --help` shows the first line: it must not stop mid-sentence
        problems.add(name + ": first summary line is not a whole sentence: " + summary[0]);
      }
      if (!String.join("\n", spec.usageMessage().footer()).contains("Example")) {
        problems.add(name + ": no example");
      }
      for (var positional : spec.positionalParameters()) {
        String text = String.join(" ", positional.description()).toLowerCase(Locale.ROOT);
        if (positional.defaultValue() != null && !text.contains("default")) {
          problems.add(name + " " + positional.paramLabel() + ": default not shown");
        }
      }
      for (OptionSpec option : spec.options()) {
        Object initial = option.initialValue();
        boolean hasDefault =
            option.defaultValue() != null
                || (initial != null && !(initial instanceof Boolean) && !option.usageHelp());
        String text = String.join(" ", option.description()).toLowerCase(Locale.ROOT);
        if (hasDefault && !option.versionHelp() && !text.contains("default")) {
          problems.add(name + " " + option.longestName() + ": default not shown");
        }
      }
      assertTrue(usage.contains("Usage: " + name), usage);
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /**
   * picocli formats help text with String.format: a lone `%` (as in `git log --format=%s`) makes it
   * print a warning beside the help and show the text with `%n` left in.
   */
  @Test
  void everyHelpTextFormatsAsWritten() {
    List<String> problems = new ArrayList<>();
    for (CommandLine command : all(hn)) {
      var usage = command.getCommandSpec().usageMessage();
      List<String> texts = new ArrayList<>();
      for (String[] section :
          List.of(usage.header(), usage.description(), usage.footer(), usage.customSynopsis())) {
        texts.addAll(List.of(section));
      }
      command.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
      for (String text : texts) {
        try {
          String.format(text);
        } catch (java.util.IllegalFormatException e) {
          problems.add(command.getCommandSpec().qualifiedName() + ": " + text);
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void theTopHelpListsTheCommandsInGroups() {
    String usage = hn.getUsageMessage(CommandLine.Help.Ansi.OFF);
    List<String> groups = List.of("Worktrees:", "Docker:", "Ports and registry:", "Setup:");
    int at = -1;
    for (String group : groups) {
      int next = usage.indexOf("\n" + group + "\n");
      assertTrue(next > at, group + " after the previous group in:\n" + usage);
      at = next;
    }
    for (var entry : hn.getSubcommands().entrySet()) {
      if (!entry.getKey().equals(entry.getValue().getCommandName())) {
        continue; // an alias, listed beside its command
      }
      if (entry.getValue().getCommandSpec().usageMessage().hidden()) {
        assertTrue(!usage.contains("\n  " + entry.getKey() + " "), entry.getKey() + " is hidden");
        continue;
      }
      assertTrue(
          usage.matches(
              "(?s).*\n  " + java.util.regex.Pattern.quote(entry.getKey()) + "(, [a-z]+)* +\\S.*"),
          entry.getKey() + " is listed with its summary in:\n" + usage);
    }
    int worktrees = usage.indexOf("\nWorktrees:\n");
    int docker = usage.indexOf("\nDocker:\n");
    assertTrue(usage.indexOf("\n  add ") > worktrees && usage.indexOf("\n  add ") < docker);
  }

  private static List<CommandLine> all(CommandLine root) {
    List<CommandLine> result = new ArrayList<>(List.of(root));
    root.getSubcommands().values().stream().distinct().forEach(c -> result.addAll(all(c)));
    return result;
  }
}
