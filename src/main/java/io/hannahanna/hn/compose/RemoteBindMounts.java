package io.hannahanna.hn.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bind mounts in a resolved compose project: a bind mount names a folder of the engine's host, so
 * on a remote engine `./src:/app` mounts an empty or different folder there, silently.
 */
final class RemoteBindMounts {
  /** The engine's own socket: a stack that mounts it means the engine's host, wherever that is. */
  private static final List<String> ENGINE_SOCKETS =
      List.of("/var/run/docker.sock", "/run/docker.sock");

  private RemoteBindMounts() {}

  /** A mount of a service: which service, and the source as people wrote it. */
  record Mount(String service, String source) {}

  /** The first bind mount of a folder or file of this machine, if any. */
  static Optional<Mount> first(Map<String, Object> document, Path checkout) {
    for (Map.Entry<String, Object> service : Yaml.map(document.get("services")).entrySet()) {
      for (Object volume : volumes(Yaml.map(service.getValue()).get("volumes"))) {
        String source = bindSource(volume);
        if (source != null && !ENGINE_SOCKETS.contains(source)) {
          return Optional.of(new Mount(service.getKey(), shown(source, checkout)));
        }
      }
    }
    return Optional.empty();
  }

  private static List<?> volumes(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }

  /** The source of a bind mount (long or short syntax), or null for a volume or tmpfs. */
  private static String bindSource(Object volume) {
    if (volume instanceof Map<?, ?> m) {
      return "bind".equals(m.get("type")) ? String.valueOf(m.get("source")) : null;
    }
    if (volume instanceof String s && s.contains(":")) {
      String source = s.substring(0, s.indexOf(':'));
      return source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
          ? source
          : null;
    }
    return null;
  }

  /** As people wrote it, relative to the checkout; a repository's control characters go. */
  private static String shown(String source, Path checkout) {
    String clean = source.replaceAll("\\p{Cntrl}", "?");
    Path path = Path.of(clean).normalize();
    return path.isAbsolute() && path.startsWith(checkout) && !path.equals(checkout)
        ? "./" + checkout.relativize(path)
        : clean;
  }
}
