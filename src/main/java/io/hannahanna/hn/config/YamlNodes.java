package io.hannahanna.hn.config;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.config.HnConfig.PortRange;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Typed reads from a YAML node tree; a wrong type is an error naming file, line and column. */
final class YamlNodes {
  private static final Pattern RANGE = Pattern.compile("\\s*(\\d+)\\s*-\\s*(\\d+)\\s*");

  private final Diagnostics diagnostics;
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final List<String> notes = new java.util.ArrayList<>();

  YamlNodes(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Where each value read so far came from, by the key it was read as. */
  Map<String, String> origins() {
    return origins;
  }

  private void record(Node node, String what) {
    origins.put(what, where(node));
  }

  MappingNode mapping(Node node, String what) {
    if (node instanceof MappingNode mapping) {
      return mapping;
    }
    throw wrongType(node, what, "a mapping (key: value lines)");
  }

  List<Node> list(Node node, String what) {
    if (node instanceof SequenceNode seq) {
      // each item where it was written: merged lists hold items of several files
      for (int i = 0; i < seq.getValue().size(); i++) {
        record(seq.getValue().get(i), what + "[" + i + "]");
      }
      return seq.getValue();
    }
    throw wrongType(node, what, "a list");
  }

  /** The entries of a mapping whose keys are free (service names, variable names). */
  Map<String, Node> entries(MappingNode mapping) {
    Map<String, Node> result = new LinkedHashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      result.put(scalarText(t.getKeyNode(), "a key"), t.getValueNode());
    }
    return result;
  }

  /** The entries of a mapping with their key nodes, for keys that are checked where they are. */
  Map<ScalarNode, Node> keyedEntries(MappingNode mapping) {
    Map<ScalarNode, Node> result = new LinkedHashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      scalarText(t.getKeyNode(), "a key");
      result.put((ScalarNode) t.getKeyNode(), t.getValueNode());
    }
    return result;
  }

  /** The known fields of a mapping; any other key is reported as a warning. */
  Map<String, Node> fields(MappingNode mapping, String prefix, String... known) {
    Set<String> knownKeys = Set.copyOf(Arrays.asList(known));
    Map<String, Node> result = new LinkedHashMap<>();
    entries(mapping)
        .forEach(
            (key, value) -> {
              if (knownKeys.contains(key)) {
                result.put(key, value);
              } else {
                diagnostics.warn(where(value) + ": unknown key '" + prefix + key + "' is ignored.");
              }
            });
    return result;
  }

  String string(Node node, String what) {
    record(node, what);
    if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
      return scalar.getValue();
    }
    throw wrongType(node, what, "a string");
  }

  /** A list of strings; absent means empty. */
  List<String> strings(Node node, String what) {
    return node == null ? List.of() : list(node, what).stream().map(n -> string(n, what)).toList();
  }

  /** One value or a list of them (`compose_file: a.yml` or `compose_file: [a.yml, b.yml]`). */
  List<String> oneOrMany(Node node, String what) {
    if (node == null || isNull(node)) {
      return List.of();
    }
    return node instanceof ScalarNode
        ? List.of(SafeValues.path(this, node, what))
        : SafeValues.paths(this, node, what);
  }

  String optionalString(Node node, String what) {
    return node == null || isNull(node) ? null : string(node, what);
  }

  String required(Map<String, Node> fields, Node parent, String key, String what) {
    Node node = fields.get(key);
    if (node == null) {
      throw new HnException(where(parent) + ": " + what + " entry needs a '" + key + "'.");
    }
    return string(node, what + "." + key);
  }

  boolean bool(Node node, String what) {
    record(node, what);
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT));
    }
    throw wrongType(node, what, "true or false");
  }

  int port(Node node, String what) {
    record(node, what);
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      try {
        int value = Integer.parseInt(scalar.getValue());
        if (value >= 1 && value <= 65535) {
          return value;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw wrongType(node, what, "a port number (1-65535)");
  }

  private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h)\\s*");

  /** A duration such as 500ms, 30s, 2m or 1h. */
  java.time.Duration duration(Node node, String what) {
    record(node, what);
    if (node instanceof ScalarNode bare
        && bare.getTag().equals(Tag.INT)
        && bare.getValue().matches("\\d{1,9}")) {
      notice(node, what + " " + bare.getValue(), bare.getValue() + "s");
      return java.time.Duration.ofSeconds(Long.parseLong(bare.getValue()));
    }
    Matcher m = DURATION.matcher(node instanceof ScalarNode s ? s.getValue() : "");
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> java.time.Duration.ofMillis(n);
        case "s" -> java.time.Duration.ofSeconds(n);
        case "m" -> java.time.Duration.ofMinutes(n);
        default -> java.time.Duration.ofHours(n);
      };
    }
    throw wrongType(node, what, "a duration such as 30s or 2m");
  }

  PortRange portRange(Node node, String what) {
    record(node, what);
    String text = node instanceof ScalarNode s ? s.getValue() : "";
    if (node instanceof SequenceNode pair
        && pair.getValue().size() == 2
        && pair.getValue().stream().allMatch(n -> n instanceof ScalarNode)) {
      // hannahanna writes [3000, 4000]
      String first = ((ScalarNode) pair.getValue().get(0)).getValue();
      String last = ((ScalarNode) pair.getValue().get(1)).getValue();
      text = first + "-" + last;
      notice(node, what + " [" + first + ", " + last + "]", text);
    }
    Matcher m = RANGE.matcher(text);
    if (m.matches() && m.group(1).length() <= 5 && m.group(2).length() <= 5) {
      int first = Integer.parseInt(m.group(1));
      int last = Integer.parseInt(m.group(2));
      if (first >= 1 && last <= 65535 && first <= last) {
        return new PortRange(first, last);
      }
    }
    throw wrongType(node, what, "a port range such as 3000-9999");
  }

  /** One of an enum's constants, written in lower case (`leave`, `publish`). */
  <E extends Enum<E>> E choice(Node node, String what, Class<E> type) {
    record(node, what);
    String text = node instanceof ScalarNode s ? s.getValue() : "";
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(java.util.Locale.ROOT).equals(text)) {
        return constant;
      }
    }
    throw wrongType(
        node,
        what,
        String.join(
            " or ",
            java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                .toList()));
  }

  /** One subnet or a list of them, each in CIDR form. */
  List<Subnet> subnets(Node node, String what) {
    record(node, what);
    List<Subnet> subnets = new java.util.ArrayList<>();
    List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
    for (Node item : items) {
      try {
        subnets.add(Subnet.parse(scalarText(item, what)));
      } catch (IllegalArgumentException e) {
        throw new HnException(where(item) + ": " + what + ": " + e.getMessage() + ".");
      }
    }
    if (subnets.isEmpty()) {
      throw wrongType(node, what, "a subnet such as 10.160.0.0/11 or a list of them");
    }
    return List.copyOf(subnets);
  }

  /** A warning about a value, naming where it is. */
  void warn(Node node, String message) {
    diagnostics.warn(where(node) + ": " + message);
  }

  /** A note about a value (not a warning), naming where it is; the loader decides to show it. */
  void note(Node node, String message) {
    notes.add("note: " + where(node) + ": " + message);
  }

  /** The notes collected while reading. */
  List<String> notes() {
    return notes;
  }

  /** A spelling hn accepts from hannahanna, with the one hn writes. */
  private void notice(Node node, String value, String hnSpelling) {
    note(node, value + " is hannahanna's spelling; hn's is " + hnSpelling + ".");
  }

  /** A bare number of seconds under hannahanna's key, with a notice naming hn's key. */
  java.time.Duration seconds(Node node, String what, String hnKey) {
    record(node, what);
    if (node instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.INT)
        && scalar.getValue().matches("\\d{1,9}")) {
      notice(node, what + " " + scalar.getValue(), hnKey + ": " + scalar.getValue() + "s");
      record(node, hnKey);
      return java.time.Duration.ofSeconds(Long.parseLong(scalar.getValue()));
    }
    throw wrongType(node, what, "a number of seconds");
  }

  boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private String scalarText(Node node, String what) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw wrongType(node, what, "a plain value");
  }

  private HnException wrongType(Node node, String what, String expected) {
    String actual =
        node instanceof ScalarNode s
            ? "'" + s.getValue() + "'"
            : node instanceof SequenceNode ? "a list" : "a mapping";
    return new HnException(
        where(node) + ": " + what + " must be " + expected + ", not " + actual + ".");
  }

  String where(Node node) {
    return node.getStartMark()
        .map(m -> m.getName() + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
        .orElse("the config");
  }
}
