package io.hannahanna.hn.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * hn's commands, in the order --help lists them. A run builds picocli's model only of the command
 * it names: building all of them (each a CDI bean with its dependencies) cost ~130 ms of every
 * start. Help, completion, the launcher's training run and unknown names get all of them.
 */
final class Subcommands {
  static final List<Class<?>> ALL =
      List.of(
          AddCommand.class,
          ListCommand.class,
          InfoCommand.class,
          EnvCommand.class,
          SwitchCommand.class,
          RemoveCommand.class,
          PruneCommand.class,
          InitShellCommand.class,
          PortsCommand.class,
          RegistryCommand.class,
          DockerCommand.class,
          CompletionCommand.class,
          DoctorCommand.class,
          TrustCommand.class,
          UntrustCommand.class,
          LauncherTrainingCommand.class);

  private static final Set<String> NEED_ALL = Set.of("completion", "launcher-training");

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
