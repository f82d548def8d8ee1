package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills `{{name}}` placeholders; an unknown name is an error that lists the known ones. */
public final class Templates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  private Templates() {}

  public static String render(String template, Map<String, String> values, String where) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new HnException(
            where
                + ": unknown placeholder {{"
                + m.group(1)
                + "}}; known: "
                + String.join(", ", new java.util.TreeSet<>(values.keySet()))
                + ".");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
