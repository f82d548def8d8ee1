package io.hannahanna.hn.ports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hannahanna.hn.HnException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a batch of port requests: one `<worktree> <service>[:<container port>][/udp]` per line
 * (blank lines and # comments skipped), or a JSON array of {worktree, service, containerPort,
 * protocol}.
 */
public final class BatchRequests {
  private BatchRequests() {}

  public static List<PortRequest> parse(String text) {
    String trimmed = text.strip();
    return trimmed.startsWith("[") ? parseJson(trimmed) : parseLines(text);
  }

  private static List<PortRequest> parseLines(String text) {
    List<PortRequest> requests = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw new HnException(
            "Batch line "
                + (i + 1)
                + " ('"
                + line
                + "') must be: <worktree> <service>[:<container port>][/udp].");
      }
      try {
        requests.add(PortRequest.parse(fields[0], fields[1]));
      } catch (HnException e) {
        throw new HnException("Batch line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return requests;
  }

  private static List<PortRequest> parseJson(String text) {
    JsonNode array;
    try {
      array = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new HnException("The batch is not valid JSON: " + e.getOriginalMessage() + ".", e);
    }
    List<PortRequest> requests = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isObject()
          || !item.path("worktree").isTextual()
          || !item.path("service").isTextual()) {
        throw new HnException("Batch item " + i + " needs \"worktree\" and \"service\" strings.");
      }
      try {
        requests.add(
            new PortRequest(
                item.get("worktree").asText(),
                item.get("service").asText(),
                containerPort(item.path("containerPort")),
                Protocol.parse(item.path("protocol").asText("tcp")),
                0));
      } catch (HnException e) {
        throw new HnException("Batch item " + i + ": " + e.getMessage(), e);
      }
    }
    return requests;
  }

  /** Absent means not known (0); anything but a whole number from 1 to 65535 is an error. */
  private static int containerPort(JsonNode port) {
    if (port.isMissingNode() || port.isNull()) {
      return 0;
    }
    if (!port.isIntegralNumber()
        || !port.canConvertToInt()
        || port.asInt() < 1
        || port.asInt() > 65535) {
      throw new HnException(
          "\"containerPort\" must be a whole number from 1 to 65535, not " + port + ".");
    }
    return port.asInt();
  }
}
