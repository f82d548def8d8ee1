package io.hannahanna.hn.cli;

import io.hannahanna.hn.HnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * `aliases:` in the config: a word that is not one of hn's commands, replaced (before parsing) by
 * the hn arguments it stands for, split on spaces, with the rest of the command line appended.
 * Aliases may name aliases; a built-in command always wins over an alias of the same name.
 */
final class Aliases {
  private Aliases() {}

  /** The expanded arguments, or empty when the command word is no alias. */
  static Optional<String[]> expand(
      String[] args, Map<String, String> aliases, Set<String> builtIn) {
    int at = commandIndex(args);
    if (at < 0 || builtIn.contains(args[at]) || !aliases.containsKey(args[at])) {
      return Optional.empty();
    }
    List<String> expanded = new ArrayList<>(Arrays.asList(args));
    List<String> chain = new ArrayList<>();
    while (!builtIn.contains(expanded.get(at)) && aliases.containsKey(expanded.get(at))) {
      String word = expanded.get(at);
      if (chain.contains(word)) {
        chain.add(word);
        throw new HnException(
            "The aliases in the config form a cycle ("
                + String.join(" -> ", chain)
                + "); change one of them under aliases.");
      }
      chain.add(word);
      List<String> replacement = List.of(aliases.get(word).strip().split("\\s+"));
      expanded.remove(at);
      expanded.addAll(at, replacement);
    }
    return Optional.of(expanded.toArray(String[]::new));
  }

  /** Where the command word is: the first argument that is no option (-C takes a folder). */
  private static int commandIndex(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-C")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return i;
      }
    }
    return -1;
  }
}
