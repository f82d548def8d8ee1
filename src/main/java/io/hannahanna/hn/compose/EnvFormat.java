package io.hannahanna.hn.compose;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Variables written for other programs to read: a dotenv file (compose's and most apps' `.env`
 * syntax) or POSIX shell `export` lines for `eval`. Values are quoted so that nothing in them is
 * expanded by a shell (backticks and `$` included): POSIX single quotes in both.
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

  /**
   * POSIX single quotes, `'\''` for a quote: nothing inside is expanded by a shell that evaluates
   * or sources the text (`set -a; . .env.hn`), and dotenv readers take single quotes literally.
   */
  private static String quote(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
