package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.ports.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A compose project as compose itself resolves it (`compose config`: `.env` and environment
 * interpolation, override files, `extends`, `include`, anchors, every profile), and the ports each
 * service publishes, in every form the compose specification allows.
 *
 * @param source what the model was read from, for messages
 */
public record ComposeModel(
    String source, Map<String, Object> document, Map<String, List<PublishedPort>> ports) {

  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

  /** The host ports the project fixes; they stay free for the main checkout. */
  public java.util.Set<Integer> fixedHostPorts() {
    return ports.values().stream()
        .flatMap(List::stream)
        .map(PublishedPort::published)
        .filter(p -> p > 0)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static final int MAX_ALIASES = 100_000;

  private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  /** Reads a resolved project (YAML 1.2, as compose prints and reads it). */
  public static ComposeModel parse(String yaml, String source) {
    Object loaded;
    try {
      loaded =
          new Load(
                  LoadSettings.builder()
                      .setSchema(new CoreSchema())
                      .setLabel(source)
                      // whatever compose reads, hn reads: real files share settings through
                      // hundreds of anchors (aliases are references, not copies)
                      .setMaxAliasesForCollections(MAX_ALIASES)
                      .setCodePointLimit(MAX_CODE_POINTS)
                      .build())
              .loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new HnException(
          source + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse("") + ".", e);
    }
    if (!(loaded instanceof Map<?, ?> map)
        || !(map.get("services") instanceof Map<?, ?> services)) {
      throw new HnException(source + " has no services: mapping; is it a compose project?");
    }
    Map<String, List<PublishedPort>> ports = new LinkedHashMap<>();
    for (Map.Entry<?, ?> service : services.entrySet()) {
      String name = String.valueOf(service.getKey());
      List<PublishedPort> published = new ArrayList<>();
      if (service.getValue() instanceof Map<?, ?> definition
          && definition.get("ports") instanceof List<?> list) {
        for (Object entry : list) {
          published.addAll(parse(source, name, entry));
        }
      }
      ports.put(name, List.copyOf(published));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> document = (Map<String, Object>) map;
    return new ComposeModel(source, document, ports);
  }

  /** One entry of a service's `ports:` list, short or long syntax; ranges become single ports. */
  static List<PublishedPort> parse(String source, String service, Object entry) {
    try {
      if (entry instanceof Map<?, ?> longSyntax) {
        return parseLong(longSyntax);
      }
      if (entry instanceof Number || entry instanceof String) {
        return parseShort(String.valueOf(entry).strip());
      }
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      // reported below
    }
    throw new HnException(
        source
            + ": service '"
            + service
            + "' has a port hn cannot read: '"
            + entry
            + "'"
            + base60Hint(entry)
            + ".");
  }

  /**
   * YAML 1.1 (docker-compose v1's) reads an unquoted `2222:22` as the base-60 number 133342: where
   * a port is such a number, the message names the likely cause.
   */
  private static String base60Hint(Object entry) {
    Object value = entry instanceof Map<?, ?> spec ? spec.get("target") : entry;
    if (value instanceof Number || (value != null && String.valueOf(value).matches("\\d{6,}"))) {
      long n = Long.parseLong(String.valueOf(value));
      if (n > 65535) {
        return "; YAML 1.1, as docker-compose v1 reads it, takes an unquoted "
            + n / 60
            + ":"
            + n % 60
            + " for the number "
            + n
            + ": quote it (\""
            + n / 60
            + ":"
            + n % 60
            + "\")";
      }
    }
    return "";
  }

  private static List<PublishedPort> parseLong(Map<?, ?> spec) {
    int[] target = range(String.valueOf(spec.get("target")));
    Protocol protocol =
        Protocol.parse(spec.get("protocol") == null ? "tcp" : String.valueOf(spec.get("protocol")));
    Object ip = spec.get("host_ip");
    Object published = spec.get("published");
    int[] host = published == null ? null : range(String.valueOf(published));
    return expand(ip == null ? null : String.valueOf(ip), host, target, protocol);
  }

  /** `[[IP:](HOST|RANGE):](PORT|RANGE)[/PROTOCOL]`; IPv6 addresses may be in brackets. */
  private static List<PublishedPort> parseShort(String text) {
    Protocol protocol = Protocol.TCP;
    int slash = text.lastIndexOf('/');
    if (slash >= 0) {
      protocol = Protocol.parse(text.substring(slash + 1));
      text = text.substring(0, slash);
    }
    int last = text.lastIndexOf(':');
    int[] target = range(text.substring(last + 1));
    if (last < 0) {
      return expand(null, null, target, protocol);
    }
    String rest = text.substring(0, last);
    int hostColon = rest.lastIndexOf(':');
    String hostPart = rest.substring(hostColon + 1);
    String ip = hostColon < 0 ? null : rest.substring(0, hostColon);
    if (ip != null && ip.startsWith("[") && ip.endsWith("]")) {
      ip = ip.substring(1, ip.length() - 1);
    }
    return expand(
        ip == null || ip.isEmpty() ? null : ip,
        hostPart.isEmpty() ? null : range(hostPart),
        target,
        protocol);
  }

  private static List<PublishedPort> expand(
      String ip, int[] host, int[] target, Protocol protocol) {
    List<PublishedPort> result = new ArrayList<>();
    int count = target[1] - target[0] + 1;
    for (int i = 0; i < count; i++) {
      int published = 0;
      if (host != null) {
        // A host range wider than one container port lets compose pick any of it: hn starts at its
        // first.
        published = host[1] - host[0] + 1 == count ? host[0] + i : host[0];
      }
      result.add(new PublishedPort(ip, published, target[0] + i, protocol));
    }
    return result;
  }

  private static int[] range(String text) {
    Matcher m = RANGE.matcher(text.strip());
    if (!m.matches()) {
      throw new NumberFormatException(text);
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    if (first < 1 || last > 65535 || last < first) {
      throw new NumberFormatException(text);
    }
    return new int[] {first, last};
  }
}
