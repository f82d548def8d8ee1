package io.hannahanna.hn.config;

import io.hannahanna.hn.config.HnConfig.SharedResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** The config's small top-level sections: proxy, sparse, shared_resources entries. */
final class SmallSections {
  private SmallSections() {}

  static HnConfig.Proxy proxy(YamlNodes yaml, Node node) {
    Map<String, Node> f = yaml.fields(yaml.mapping(node, "proxy"), "proxy.", "port", "image");
    HnConfig.Proxy d = HnConfig.Proxy.defaults();
    return new HnConfig.Proxy(
        f.containsKey("port") ? yaml.port(f.get("port"), "proxy.port") : d.port(),
        f.containsKey("image") ? yaml.string(f.get("image"), "proxy.image") : d.image());
  }

  /** `sparse: [paths]`, or hannahanna's `sparse: {enabled: true, paths: [...]}`. */
  static List<String> sparse(YamlNodes yaml, Node node) {
    if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode mapping) {
      Map<String, Node> f = yaml.fields(mapping, "sparse.", "enabled", "paths");
      yaml.note(
          node, "sparse: {enabled, paths} is hannahanna's spelling; hn's is sparse: [paths].");
      boolean enabled = !f.containsKey("enabled") || yaml.bool(f.get("enabled"), "sparse.enabled");
      return enabled ? SafeValues.paths(yaml, f.get("paths"), "sparse.paths") : List.of();
    }
    return SafeValues.paths(yaml, node, "sparse");
  }

  static SharedResource sharedResource(YamlNodes yaml, Node node) {
    Map<String, Node> f =
        yaml.fields(
            yaml.mapping(node, "shared_resources entry"),
            "shared_resources.",
            "source",
            "target",
            "compatibility");
    String source = yaml.required(f, node, "source", "shared_resources");
    String target =
        Optional.ofNullable(f.get("target"))
            .map(n -> SafeValues.path(yaml, n, "shared_resources.target"))
            .orElse(source);
    return new SharedResource(
        source,
        target,
        yaml.optionalString(f.get("compatibility"), "shared_resources.compatibility"));
  }
}
