package io.hannahanna.hn.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Repository, worktree and service names as the DNS labels of proxy URLs: lower case, `[a-z0-9-]`,
 * at most 63 characters. Whatever a name holds (a quote, a dot, a brace), its label holds none of
 * it, so no name can add to or change the proxy's configuration.
 */
final class ProxyNames {
  private static final int MAX = 63;
  private static final int HASH = 6;

  private ProxyNames() {}

  static String label(String name) {
    String label =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (label.isEmpty()) {
      return "x";
    }
    return label.length() <= MAX ? label : withHash(label, name);
  }

  /**
   * Each name's label, unique among these names: where several share a label, the first in sorted
   * order keeps it and the others get a short hash of their own name, so the result does not depend
   * on the order they come in.
   */
  static Map<String, String> unique(Collection<String> names) {
    Map<String, String> same = new LinkedHashMap<>();
    names.forEach(n -> same.put(n, n));
    return unique(same);
  }

  /**
   * The same for things known by a key (a repository's path) and named by another name (its
   * folder's): key to label, the hash taken of the key.
   */
  static Map<String, String> unique(Map<String, String> nameByKey) {
    Map<String, List<String>> byLabel = new TreeMap<>();
    nameByKey.keySet().stream()
        .sorted()
        .forEach(
            k ->
                byLabel
                    .computeIfAbsent(label(nameByKey.get(k)), x -> new java.util.ArrayList<>())
                    .add(k));
    Map<String, String> result = new LinkedHashMap<>();
    byLabel.forEach(
        (label, sharing) -> {
          result.put(sharing.get(0), label);
          sharing.stream().skip(1).forEach(k -> result.put(k, withHash(label, k)));
        });
    return result;
  }

  private static String withHash(String label, String name) {
    String cut = label.substring(0, Math.min(label.length(), MAX - HASH - 1)).replaceAll("-+$", "");
    return cut + "-" + hash(name);
  }

  private static String hash(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
