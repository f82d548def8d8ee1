package io.hannahanna.hn.compose;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Variables written for other programs to read: a dotenv file (compose's and most apps' `.env`
 * syntax) or POSIX shell `export` lines for `eval`. Values are quoted so that nothing in them is
 * expanded: single quotes in both, which neither shells nor compose's dotenv reader interpolate.
 */
public enum EnvFormat {
  DOTENV,
  SHELL;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@,+=-]*");

  public String render(Map<String, String> variables) {
    StringBuilder out = new StringBuilder();
    variables.forEach(
        (name, value) ->
            out.append(this == SHELL ? "export " : "")
                .append(name)
                .append('=')
                .append(quote(value))
                .append('\n'));
    return out.toString();
  }

  private String quote(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    if (this == SHELL) {
      return "'" + value.replace("'", "'\\''") + "'";
    }
    // dotenv has no escape inside single quotes: a value with one goes in double quotes, where
    // compose reads \\ \" and \$ as escapes
    return value.contains("'") || value.contains("\n")
        ? "\""
            + value
                .replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("$", "\\$")
                .replace("\n", "\\n")
            + "\""
        : "'" + value + "'";
  }
}
