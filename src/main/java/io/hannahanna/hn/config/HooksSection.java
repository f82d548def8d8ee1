package io.hannahanna.hn.config;

import io.hannahanna.hn.config.HnConfig.Hooks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** The `hooks:` section of a config. */
final class HooksSection {
  private HooksSection() {}

  /**
   * `hooks:`: per point a script, or a list of `{when: {branch, name}, run, timeout}` entries (or
   * plain scripts); `timeout` for all of them (hannahanna's `timeout_seconds` too).
   */
  static Hooks read(YamlNodes yaml, Node node) {
    List<String> known = new java.util.ArrayList<>(Hooks.POINTS);
    Hooks.POINTS.forEach(p -> known.add(p + CONDITIONS));
    known.addAll(List.of("timeout", "timeout_seconds"));
    Map<String, Node> h =
        yaml.fields(yaml.mapping(node, "hooks"), "hooks.", known.toArray(String[]::new));
    java.time.Duration timeout = null;
    if (h.containsKey("timeout")) {
      timeout = yaml.duration(h.get("timeout"), "hooks.timeout");
    } else if (h.containsKey("timeout_seconds")) {
      timeout = yaml.seconds(h.get("timeout_seconds"), "hooks.timeout_seconds", "hooks.timeout");
    }
    Map<String, List<HnConfig.Hook>> points = new LinkedHashMap<>();
    for (String point : Hooks.POINTS) {
      List<HnConfig.Hook> hooks = new java.util.ArrayList<>();
      Node value = h.get(point);
      if (value != null && !yaml.isNull(value)) {
        List<Node> entries = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
        for (Node entry : entries) {
          hooks.add(hook(yaml, entry, "hooks." + point));
        }
      }
      // hannahanna's conditional hooks run after the plain ones, as there
      Node conditional = h.get(point + CONDITIONS);
      if (conditional != null && !yaml.isNull(conditional)) {
        String what = "hooks." + point + CONDITIONS;
        yaml.note(
            conditional,
            what
                + " is hannahanna's spelling; hn's is hooks."
                + point
                + ": [{when: {branch: 'feature-**'}, run: …}].");
        List<Node> entries = yaml.list(conditional, what);
        for (int i = 0; i < entries.size(); i++) {
          hooks.add(conditionalHook(yaml, entries.get(i), what + "[" + i + "]"));
        }
      }
      if (!hooks.isEmpty()) {
        points.put(point, List.copyOf(hooks));
      }
    }
    return new Hooks(java.util.Collections.unmodifiableMap(points), timeout);
  }

  private static HnConfig.Hook hook(YamlNodes yaml, Node entry, String what) {
    if (entry instanceof ScalarNode) {
      return new HnConfig.Hook(yaml.string(entry, what), null, null, null, yaml.where(entry));
    }
    Map<String, Node> f =
        yaml.fields(yaml.mapping(entry, what), what + ".", "when", "run", "timeout");
    String run = yaml.required(f, entry, "run", what);
    String branch = null;
    String name = null;
    if (f.containsKey("when")) {
      Map<String, Node> when =
          yaml.fields(
              yaml.mapping(f.get("when"), what + ".when"), what + ".when.", "branch", "name");
      branch = glob(yaml, when.get("branch"), what + ".when.branch");
      name = glob(yaml, when.get("name"), what + ".when.name");
    }
    java.time.Duration timeout =
        f.containsKey("timeout") ? yaml.duration(f.get("timeout"), what + ".timeout") : null;
    return new HnConfig.Hook(run, branch, name, timeout, yaml.where(entry));
  }

  private static final String CONDITIONS = "_conditions";

  /** hannahanna's `branch.startsWith('x')` / `endsWith` / `contains`: the glob it stands for. */
  private static final java.util.regex.Pattern CONDITION =
      java.util.regex.Pattern.compile(
          "\\s*branch\\.(startsWith|endsWith|contains)\\(\\s*(['\"])(.*)\\2\\s*\\)\\s*");

  private static HnConfig.Hook conditionalHook(YamlNodes yaml, Node entry, String what) {
    Map<String, Node> f =
        yaml.fields(yaml.mapping(entry, what), what + ".", "condition", "command");
    String command = yaml.required(f, entry, "command", what);
    Node condition = f.get("condition");
    String text = yaml.required(f, entry, "condition", what);
    java.util.regex.Matcher m = CONDITION.matcher(text);
    if (!m.matches()) {
      throw new io.hannahanna.hn.HnException(
          yaml.where(condition)
              + ": "
              + what
              + ".condition '"
              + text
              + "' is not one of hannahanna's conditions: branch.startsWith('…'),"
              + " branch.endsWith('…') or branch.contains('…').");
    }
    String literal = m.group(3).replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    String glob =
        switch (m.group(1)) {
          case "startsWith" -> literal + "**";
          case "endsWith" -> "**" + literal;
          default -> "**" + literal + "**";
        };
    return new HnConfig.Hook(command, glob, null, null, yaml.where(entry));
  }

  /** A glob of a hook's condition, checked now: a broken one is a config error, not a crash. */
  private static String glob(YamlNodes yaml, Node node, String what) {
    String glob = yaml.optionalString(node, what);
    if (glob != null) {
      try {
        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (IllegalArgumentException e) {
        throw new io.hannahanna.hn.HnException(
            yaml.where(node)
                + ": "
                + what
                + " '"
                + glob
                + "' is not a glob: "
                + e.getMessage()
                + ".");
      }
    }
    return glob;
  }
}
