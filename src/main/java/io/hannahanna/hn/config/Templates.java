package io.hannahanna.hn.config;

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

  /**
   * Fills the placeholders it has a value for and leaves every other `{{...}}` as it is: a file
   * copied from a template may be a template of another tool (Go, Jinja, Handlebars).
   */
  public static String fillKnown(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
