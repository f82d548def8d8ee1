package io.hannahanna.hn.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * hn's commands, in the order --help lists them. A run builds picocli's model only of the command
 * it names: building all of them (each a CDI bean with its dependencies) cost ~130 ms of every
 * start. Help, completion, the launcher's training run and unknown names get all of them.
 */
final class Subcommands {
  /** The groups `hn --help` lists the commands in. */
  static final Map<String, List<Class<?>>> GROUPS = groups();

  static final List<Class<?>> ALL = GROUPS.values().stream().flatMap(List::stream).toList();

  private static Map<String, List<Class<?>>> groups() {
    Map<String, List<Class<?>>> groups = new LinkedHashMap<>();
    groups.put(
        "Worktrees",
        List.of(
            AddCommand.class,
            ListCommand.class,
            InfoCommand.class,
            EnvCommand.class,
            SwitchCommand.class,
            SyncCommand.class,
            IntegrateCommand.class,
            ReturnCommand.class,
            EachCommand.class,
            TagCommand.class,
            TagsCommand.class,
            UntagCommand.class,
            SnapshotCommand.class,
            WorkspaceCommand.class,
            TemplatesCommand.class,
            RemoveCommand.class,
            PruneCommand.class,
            StateCommand.class,
            HookCommand.class,
            InitShellCommand.class));
    groups.put("Docker", List.of(DockerCommand.class, ProxyCommand.class, TunnelCommand.class));
    groups.put(
        "Ports and registry",
        List.of(PortsCommand.class, NetworksCommand.class, RegistryCommand.class));
    groups.put(
        "Setup",
        List.of(
            CompletionCommand.class,
            ConfigCommand.class,
            DoctorCommand.class,
            TrustCommand.class,
            UntrustCommand.class,
            McpCommand.class,
            LauncherTrainingCommand.class));
    return groups;
  }

  /** Every command's name and alias: what an alias of the config never shadows. */
  static Set<String> names() {
    Set<String> names = new java.util.HashSet<>();
    for (Class<?> type : ALL) {
      Command command = type.getAnnotation(Command.class);
      names.add(command.name());
      names.addAll(List.of(command.aliases()));
    }
    return names;
  }

  private static final Set<String> NEED_ALL =
      Set.of("completion", "completions", "launcher-training");

  private Subcommands() {}

  static List<Class<?>> needed(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-V", "--version" -> {
          return List.of();
        }
        case "-h", "--help" -> {
          return ALL;
        }
        case "-C" -> i++; // takes a folder
        default -> {
          if (!arg.startsWith("-")) {
            return named(arg);
          }
        }
      }
    }
    return ALL;
  }

  private static List<Class<?>> named(String word) {
    if (NEED_ALL.contains(word)) {
      return ALL;
    }
    for (Class<?> type : ALL) {
      Command command = type.getAnnotation(Command.class);
      if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
        return List.of(type);
      }
    }
    return ALL;
  }
}
