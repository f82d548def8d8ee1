package io.hannahanna.hn.worktree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.WorktreeName;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of a repository's worktrees (`hn workspace save`): each one's name, branch, commit,
 * parent, tags, whether its stack ran, and its volume snapshots. Written as JSON; read back, or
 * imported from someone else, as untrusted input: every value is checked here, nothing in it runs,
 * and hannahanna's own workspace files (`created_at`, worktrees of `{name, branch, path}`) are read
 * as they are (their paths are never used).
 */
public record SavedWorkspace(
    String name, String description, String createdAt, List<Entry> worktrees) {

  /** One worktree as it was saved. */
  public record Entry(
      String name,
      String branch,
      String commit,
      String parent,
      List<String> tags,
      boolean dockerRunning,
      List<String> volumeSnapshots) {}

  /** Files larger than this are not workspaces. */
  static final int MAX_BYTES = 1 << 20;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{4,64}");
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
  private static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_DESCRIPTION = 500;

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A workspace name is a file name in hn's state folder: the rule of worktree names. */
  public static String validName(String name) {
    try {
      return WorktreeName.validate(name);
    } catch (HnException e) {
      throw new HnException(
          "Invalid workspace name '" + name + "': use " + WorktreeName.RULE + ".");
    }
  }

  /** Reads a workspace file (hn's or hannahanna's); `source` names it in errors. */
  public static SavedWorkspace parse(String text, String source) {
    if (text.length() > MAX_BYTES) {
      throw new HnException(source + " is larger than 1 MB; that is not a workspace file.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new HnException(
          source + " is not JSON: " + e.getMessage().lines().findFirst().orElse("") + ".");
    }
    if (root == null || !root.isObject() || !root.path("worktrees").isArray()) {
      throw new HnException(source + " is not a workspace: it has no \"worktrees\" list.");
    }
    String name = validName(text(root, "name", source));
    String description = description(root.path("description"));
    String createdAt = createdAt(root);
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode w : root.get("worktrees")) {
      Entry entry = entry(w, source);
      if (!seen.add(entry.name())) {
        throw new HnException(source + " names worktree '" + entry.name() + "' twice.");
      }
      entries.add(entry);
    }
    return new SavedWorkspace(name, description, createdAt, List.copyOf(entries));
  }

  private static Entry entry(JsonNode w, String source) {
    if (!w.isObject()) {
      throw new HnException(source + ": each worktree must be an object.");
    }
    String name = WorktreeName.validate(text(w, "name", source));
    String branch = w.hasNonNull("branch") ? branch(text(w, "branch", source), source) : name;
    String commit = w.hasNonNull("commit") ? text(w, "commit", source) : null;
    if (commit != null && !COMMIT.matcher(commit).matches()) {
      throw new HnException(source + ": '" + commit + "' of '" + name + "' is not a commit id.");
    }
    String parent =
        w.hasNonNull("parent") ? WorktreeName.validate(text(w, "parent", source)) : null;
    List<String> tags = new ArrayList<>();
    w.path("tags").forEach(t -> tags.add(TagStore.validate(t.asText())));
    List<String> snapshots = new ArrayList<>();
    for (JsonNode s : w.path("volumeSnapshots")) {
      if (!SNAPSHOT.matcher(s.asText()).matches()) {
        throw new HnException(source + ": '" + s.asText() + "' is not a volume snapshot name.");
      }
      snapshots.add(s.asText());
    }
    return new Entry(
        name,
        branch,
        commit,
        parent,
        List.copyOf(tags),
        w.path("dockerRunning").asBoolean(false),
        List.copyOf(snapshots));
  }

  /** What git accepts as a branch name, checked again by git when the branch is made. */
  private static String branch(String branch, String source) {
    if (!BRANCH.matcher(branch).matches()
        || branch.startsWith("-")
        || branch.startsWith("/")
        || branch.endsWith("/")
        || branch.endsWith(".lock")
        || branch.contains("..")
        || branch.contains("//")
        || branch.equals("HEAD")) {
      throw new HnException(source + ": '" + branch + "' is not a branch name.");
    }
    return branch;
  }

  private static String text(JsonNode node, String field, String source) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new HnException(source + ": \"" + field + "\" must be a string.");
    }
    return value.asText();
  }

  /** Shown on terminals: no control characters (escape sequences), and not a novel. */
  private static String description(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    String clean = node.asText().replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > MAX_DESCRIPTION ? clean.substring(0, MAX_DESCRIPTION) : clean;
  }

  /** hn writes an ISO time; hannahanna writes `created_at` as seconds since 1970. */
  private static String createdAt(JsonNode root) {
    try {
      if (root.path("createdAt").isTextual()) {
        return Instant.parse(root.get("createdAt").asText()).toString();
      }
      if (root.hasNonNull("created_at")) {
        return Instant.ofEpochSecond(Long.parseLong(root.get("created_at").asText())).toString();
      }
    } catch (RuntimeException e) {
      // an unreadable time is no reason to refuse the worktrees
    }
    return null;
  }
}
