package io.hannahanna.hn.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * `hn --help`'s list of commands, in the groups of {@link Subcommands#GROUPS}, each with the first
 * line of its summary (a whole sentence, HelpTest holds every command to that).
 */
final class GroupedCommandList implements IHelpSectionRenderer {
  @Override
  public String render(Help help) {
    Map<String, CommandLine> commands = help.commandSpec().subcommands();
    int width =
        commands.values().stream()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden())
                .mapToInt(c -> label(c).length())
                .max()
                .orElse(0)
            + 2;
    StringBuilder text = new StringBuilder();
    Subcommands.GROUPS.forEach(
        (group, types) -> {
          List<String> names =
              types.stream()
                  .map(t -> t.getAnnotation(Command.class).name())
                  .filter(commands::containsKey)
                  .filter(n -> !commands.get(n).getCommandSpec().usageMessage().hidden())
                  .toList();
          if (names.isEmpty()) {
            return;
          }
          text.append('\n').append(group).append(":\n");
          for (String name : names) {
            text.append("  ")
                .append(String.format("%-" + width + "s", label(commands.get(name))))
                .append(summary(commands.get(name).getCommandSpec().usageMessage()))
                .append('\n');
          }
        });
    return text.toString();
  }

  /** The name and its aliases, as picocli lists them: "list, ls". */
  private static String label(CommandLine command) {
    List<String> names = new java.util.ArrayList<>(List.of(command.getCommandSpec().name()));
    names.addAll(List.of(command.getCommandSpec().aliases()));
    return String.join(", ", names);
  }

  private static String summary(UsageMessageSpec usage) {
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    return lines.length == 0 ? "" : lines[0].strip();
  }
}
