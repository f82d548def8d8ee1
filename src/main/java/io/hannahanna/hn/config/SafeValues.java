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

  /** A worktree's name, as hn validates it where it enters (WorktreeName). */
  static final Pattern WORKTREE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** A compose volume's name: it becomes part of a `docker run -v` argument. */
  static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /** A docker context's name, as the docker CLI allows it. */
  static final Pattern CONTEXT = HnConfig.Engine.CONTEXT_NAME;

  private SafeValues() {}

  /** A name that must match a pattern (a `:` or `/` would change what a mount means). */
  static String name(YamlNodes yaml, Node node, String what, Pattern valid) {
    String value = yaml.string(node, what);
    if (valid.matcher(value).matches()) {
      return value;
    }
    throw new HnException(
        yaml.where(node)
            + ": "
            + what
            + " must be a name of letters, digits, '_' and '-' (matching "
            + valid.pattern()
            + "), not '"
            + value
            + "'.");
  }

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
