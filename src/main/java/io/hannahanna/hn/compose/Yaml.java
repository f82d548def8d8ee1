package io.hannahanna.hn.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compose documents as loaded YAML: maps with string keys, lists, scalars. */
final class Yaml {
  private Yaml() {}

  /** A copy down to the scalars, with every key a string, so the copy can change freely. */
  static Map<String, Object> deepCopy(Map<?, ?> source) {
    Map<String, Object> copy = new LinkedHashMap<>();
    source.forEach((k, v) -> copy.put(String.valueOf(k), deepCopyValue(v)));
    return copy;
  }

  private static Object deepCopyValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      return deepCopy(m);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(item -> copy.add(deepCopyValue(item)));
      return copy;
    }
    return value;
  }

  /** The value as a map of a deep-copied document (changes go into it), or a new empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : new LinkedHashMap<>();
  }
}
