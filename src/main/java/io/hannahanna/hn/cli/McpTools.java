package io.hannahanna.hn.cli;

import io.hannahanna.hn.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tools `hn mcp` offers, each the hn command line it stands for: an agent's call runs exactly
 * what a person would type, with every rule of the command line (names checked where they enter,
 * trust, no shell). Arguments become argv entries after the options; none may start with '-', so no
 * value can become an option.
 */
final class McpTools {
  private McpTools() {}

  /** One tool: its name, what it does, its JSON schema's properties and required ones. */
  record Tool(
      String name,
      String description,
      Map<String, String> properties,
      List<String> required,
      boolean json) {

    /** The input schema, as JSON. */
    String schema() {
      StringBuilder s = new StringBuilder("{\"type\":\"object\",\"properties\":{");
      List<String> props = new ArrayList<>();
      properties.forEach(
          (name, type) ->
              props.add(
                  "\""
                      + name
                      + "\":{\"type\":\""
                      + (type.equals("boolean") || type.equals("integer") ? type : "string")
                      + "\"}"));
      s.append(String.join(",", props)).append("},\"required\":[");
      s.append(String.join(",", required.stream().map(r -> "\"" + r + "\"").toList()));
      return s.append("],\"additionalProperties\":false}").toString();
    }
  }

  static final List<Tool> ALL =
      List.of(
          new Tool(
              "list",
              "Every worktree: branch, commit, uncommitted changes, ahead/behind its parent, stack"
                  + " state, URL (the content of hn list --json).",
              Map.of(),
              List.of(),
              true),
          new Tool(
              "info",
              "One worktree: path, branch, parent, children, status, ports, stack (hn info --json).",
              Map.of("name", "string"),
              List.of("name"),
              true),
          new Tool(
              "create",
              "Create a worktree on a new branch; with docker, its own Docker Compose stack, started"
                  + " (seed: its volumes copied from main's first; context: on that docker"
                  + " context's engine). Returns its path.",
              Map.of(
                  "name", "string",
                  "branch", "string",
                  "from", "string",
                  "template", "string",
                  "context", "string",
                  "docker", "boolean",
                  "seed", "boolean"),
              List.of("name"),
              false),
          new Tool(
              "remove",
              "Remove a worktree and its stack; refused while it has uncommitted changes unless"
                  + " force.",
              Map.of("name", "string", "force", "boolean", "deleteBranch", "boolean"),
              List.of("name"),
              false),
          new Tool(
              "env",
              "The worktree's variables (WT_*, ports, URLs, compose project) as a JSON object.",
              Map.of("name", "string"),
              List.of("name"),
              true),
          new Tool(
              "ports",
              "The worktree's host ports (hn ports show --json).",
              Map.of("name", "string"),
              List.of("name"),
              true),
          new Tool(
              "docker_status",
              "The worktree's compose project: state, running/total containers, ports, URL.",
              Map.of("name", "string"),
              List.of("name"),
              true),
          new Tool(
              "docker_start",
              "Start the worktree's stack (allocating ports and writing its compose file first).",
              Map.of("name", "string"),
              List.of("name"),
              false),
          new Tool(
              "docker_stop",
              "Stop the worktree's stack.",
              Map.of("name", "string"),
              List.of("name"),
              false),
          new Tool(
              "docker_logs",
              "The last lines the worktree's services (or one service) logged; no follow.",
              Map.of("name", "string", "service", "string", "tail", "integer"),
              List.of("name"),
              false),
          new Tool(
              "sync",
              "Bring the worktree up to date with its parent's branch (merge).",
              Map.of("name", "string"),
              List.of("name"),
              false));

  /** The hn command line of a tool call (after `-C <repository>`). */
  static List<String> argv(String tool, Map<String, Object> args) {
    Map<String, Object> a = args == null ? Map.of() : args;
    List<String> argv = new ArrayList<>();
    switch (tool) {
      case "list" -> argv.addAll(List.of("list", "--json"));
      case "info" -> argv.addAll(List.of("info", "--json", "--", name(a)));
      case "create" -> {
        argv.add("add");
        if (flag(a, "docker")) {
          argv.add("--docker");
        }
        if (flag(a, "seed")) {
          argv.add("--seed");
        }
        for (String option : List.of("branch", "from", "template", "context")) {
          if (a.get(option) != null) {
            argv.addAll(List.of("--" + option, text(a, option)));
          }
        }
        argv.addAll(List.of("--", name(a)));
      }
      case "remove" -> {
        argv.add("remove");
        if (flag(a, "force")) {
          argv.add("--force");
        }
        if (flag(a, "deleteBranch")) {
          argv.add("--delete-branch");
        }
        argv.addAll(List.of("--", name(a)));
      }
      case "env" -> argv.addAll(List.of("env", "--format", "json", "--", name(a)));
      case "ports" -> argv.addAll(List.of("ports", "show", "--json", "--", name(a)));
      case "docker_status" -> argv.addAll(List.of("docker", "ps", "--json", "--", name(a)));
      case "docker_start" -> argv.addAll(List.of("docker", "start", "--", name(a)));
      case "docker_stop" -> argv.addAll(List.of("docker", "stop", "--", name(a)));
      case "docker_logs" -> {
        argv.addAll(List.of("docker", "logs", "--tail", Integer.toString(tail(a)), "--"));
        argv.add(name(a));
        if (a.get("service") != null) {
          argv.add(text(a, "service"));
        }
      }
      case "sync" -> argv.addAll(List.of("sync", "--", name(a)));
      default -> throw new InvalidInput("hn has no tool '" + tool + "'.");
    }
    return argv;
  }

  private static String name(Map<String, Object> a) {
    if (a.get("name") == null) {
      throw new InvalidInput("The argument 'name' is required.");
    }
    return text(a, "name");
  }

  /** A string argument; one that starts with '-' could pass for an option, so it is refused. */
  private static String text(Map<String, Object> a, String key) {
    Object value = a.get(key);
    if (!(value instanceof String s)) {
      throw new InvalidInput("The argument '" + key + "' must be a string.");
    }
    if (s.startsWith("-") || s.isEmpty() || s.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInput(
          "The argument '"
              + key
              + "' must not be empty, start with '-' or hold control characters: '"
              + s.replaceAll("\\p{Cntrl}", "?")
              + "'.");
    }
    return s;
  }

  private static boolean flag(Map<String, Object> a, String key) {
    Object value = a.get(key);
    if (value != null && !(value instanceof Boolean)) {
      throw new InvalidInput("The argument '" + key + "' must be true or false.");
    }
    return Boolean.TRUE.equals(value);
  }

  private static int tail(Map<String, Object> a) {
    Object value = a.getOrDefault("tail", 100);
    if (!(value instanceof Number n) || n.intValue() < 1 || n.intValue() > 10_000) {
      throw new InvalidInput("The argument 'tail' must be a number of lines from 1 to 10000.");
    }
    return n.intValue();
  }
}
