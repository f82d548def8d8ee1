package io.hannahanna.hn.config;

import io.hannahanna.hn.HnException;
import java.util.List;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Config values that reach shells and file systems, checked where they are read: variable names
 * (`hn env --format shell` is evaluated) and paths (a newline in a folder's name forges lines of
 * the lists git and shells read).
 */
final class SafeValues {
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SafeValues() {}

  /** A key that becomes an environment variable; `X=1; cmd`, `$(cmd)` or a newline is refused. */
  static String variableName(YamlNodes yaml, ScalarNode key, String what) {
    if (VARIABLE.matcher(key.getValue()).matches()) {
      return key.getValue();
    }
    throw new HnException(
        yaml.where(key)
            + ": "
            + what
            + " key must be a variable name ([A-Za-z_][A-Za-z0-9_]*), not '"
            + key.getValue()
            + "'.");
  }

  /** A path without control characters. */
  static String path(YamlNodes yaml, Node node, String what) {
    String value = yaml.string(node, what);
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new HnException(
          yaml.where(node)
              + ": "
              + what
              + " must be a path without control characters (a newline, a tab).");
    }
    return value;
  }

  /** A list of paths; absent means empty. */
  static List<String> paths(YamlNodes yaml, Node node, String what) {
    return node == null
        ? List.of()
        : yaml.list(node, what).stream().map(n -> path(yaml, n, what)).toList();
  }
}
