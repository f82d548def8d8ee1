package io.hannahanna.hn.ports;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.WorktreeName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request for a host port for one published port of a service.
 *
 * @param containerPort the port inside the container; 0 when not known
 * @param preferred the host port to start looking at (0: none), e.g. what the compose file
 *     publishes
 */
public record PortRequest(
    String worktree, String service, int containerPort, Protocol protocol, int preferred) {

  private static final Pattern SERVICE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
  private static final Pattern SPEC =
      Pattern.compile("([^:/]+)(?::(\\d{1,5}))?(?:/(tcp|udp))?", Pattern.CASE_INSENSITIVE);

  public PortRequest {
    WorktreeName.validate(worktree);
    validateService(service);
    if (containerPort < 0 || containerPort > 65535) {
      throw new HnException("Container port " + containerPort + " is not between 1 and 65535.");
    }
  }

  public static String validateService(String service) {
    if (service != null && service.length() > 63) {
      throw new HnException(
          "Service name '"
              + service.substring(0, 20)
              + "…' is too long: "
              + service.length()
              + " characters, at most 63.");
    }
    if (service == null || !SERVICE.matcher(service).matches()) {
      throw new HnException(
          "Invalid service name '"
              + service
              + "': use letters, digits, '.', '-' and '_', starting with a letter or digit.");
    }
    return service;
  }

  /** Parses `service[:containerPort][/udp]`. */
  public static PortRequest parse(String worktree, String spec) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new HnException(
          "Cannot read '"
              + spec
              + "': write service[:container port][/udp], e.g. web:80 or dns:53/udp.");
    }
    int port = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    if (m.group(2) != null && (port < 1 || port > 65535)) {
      throw new HnException(
          "Container port " + port + " in '" + spec + "' is not between 1 and 65535.");
    }
    Protocol protocol = m.group(3) == null ? Protocol.TCP : Protocol.parse(m.group(3));
    return new PortRequest(worktree, m.group(1), port, protocol, 0);
  }
}
