package io.hannahanna.hn.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Merges config files as YAML trees, lowest layer first: a scalar of a higher layer replaces the
 * lower one, mappings merge key by key, lists append (hooks of a point, shared_resources,
 * profiles). Each node keeps its file, line and column, so errors and `hn config show --origin`
 * name where a value came from.
 */
final class ConfigLayers {
  /** Lists that are one value, replaced whole by a higher layer. */
  static final Set<String> REPLACED_LISTS =
      Set.of("docker.ports.range", "docker.compose_file", "docker.networks.pool");

  /**
   * Keys spelled two ways (hn's, hannahanna's) under a mapping: a higher layer's key in either
   * spelling replaces the lower layer's in both, so the higher layer wins whatever each one writes.
   */
  private static final java.util.Map<String, Set<String>> SPELLINGS =
      java.util.Map.of("hooks", Set.of("timeout", "timeout_seconds"));

  private ConfigLayers() {}

  /**
   * userFile: the user's own config file, whose aliases no repository's file replaces (a cloned
   * repository's `up: remove --force x` must not take over the user's `up`).
   */
  static Node merge(Node lower, Node higher, String path, Path userFile) {
    if (path.startsWith("aliases.") && userFile != null && from(lower, userFile)) {
      return lower;
    }
    if (isHookPoint(path) && !isNull(higher)) {
      // a point's hooks from every layer run, whether each file writes one script or a list
      List<Node> both = new ArrayList<>(items(lower));
      both.addAll(items(higher));
      return new SequenceNode(
          Tag.SEQ, true, both, FlowStyle.BLOCK, higher.getStartMark(), higher.getEndMark());
    }
    if (path.equals("sparse") && !isNull(higher) && !turnedOff(higher)) {
      // lists append, whether a layer writes sparse: [paths] or hannahanna's {enabled, paths}
      List<Node> both = new ArrayList<>(items(sparsePaths(lower)));
      both.addAll(items(sparsePaths(higher)));
      return new SequenceNode(
          Tag.SEQ, true, both, FlowStyle.BLOCK, higher.getStartMark(), higher.getEndMark());
    }
    if (lower instanceof MappingNode low && higher instanceof MappingNode high) {
      List<NodeTuple> merged = new ArrayList<>();
      Set<String> respelled = SPELLINGS.getOrDefault(path, Set.of());
      for (NodeTuple t : low.getValue()) {
        String key = key(t);
        if (respelled.contains(key)
            && respelled.stream().anyMatch(k -> !k.equals(key) && find(high, k) != null)) {
          continue; // the higher layer sets it in the other spelling
        }
        NodeTuple over = find(high, key);
        merged.add(
            over == null
                ? t
                : new NodeTuple(
                    over.getKeyNode(),
                    merge(t.getValueNode(), over.getValueNode(), join(path, key), userFile)));
      }
      for (NodeTuple t : high.getValue()) {
        if (find(low, key(t)) == null) {
          merged.add(t);
        }
      }
      return new MappingNode(
          high.getTag(), true, merged, high.getFlowStyle(), high.getStartMark(), high.getEndMark());
    }
    if (lower instanceof SequenceNode low
        && higher instanceof SequenceNode high
        && !REPLACED_LISTS.contains(path)) {
      List<Node> both = new ArrayList<>(low.getValue());
      both.addAll(high.getValue());
      return new SequenceNode(
          high.getTag(), true, both, high.getFlowStyle(), high.getStartMark(), high.getEndMark());
    }
    return higher;
  }

  /** hannahanna's `sparse: {enabled: false}`: no sparse checkout, whatever lower layers list. */
  private static boolean turnedOff(Node node) {
    return node instanceof MappingNode m
        && find(m, "enabled") != null
        && find(m, "enabled").getValueNode() instanceof ScalarNode s
        && s.getValue().equals("false");
  }

  /** The paths of `sparse`: the list itself, or the `paths` of hannahanna's mapping. */
  private static Node sparsePaths(Node node) {
    if (node instanceof MappingNode m) {
      NodeTuple paths = find(m, "paths");
      return paths == null ? null : paths.getValueNode();
    }
    return node;
  }

  private static boolean from(Node node, Path file) {
    return node.getStartMark().map(m -> m.getName().equals(file.toString())).orElse(false);
  }

  private static List<Node> items(Node node) {
    if (node instanceof SequenceNode seq) {
      return seq.getValue();
    }
    return node == null || isNull(node) ? List.of() : List.of(node);
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static boolean isHookPoint(String path) {
    return path.startsWith("hooks.") && HnConfig.Hooks.POINTS.contains(path.substring(6));
  }

  private static NodeTuple find(MappingNode mapping, String key) {
    for (NodeTuple t : mapping.getValue()) {
      if (key.equals(key(t))) {
        return t;
      }
    }
    return null;
  }

  private static String key(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
