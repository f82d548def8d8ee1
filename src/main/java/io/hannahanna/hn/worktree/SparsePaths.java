package io.hannahanna.hn.worktree;

import io.hannahanna.hn.HnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders of a sparse checkout (git's cone mode), from the command line or `sparse:` in a
 * config file a clone brings: each must name a folder inside the repository, as a plain path.
 */
final class SparsePaths {
  private SparsePaths() {}

  /** The paths, each checked and without a trailing slash; where: what to name in an error. */
  static List<String> validate(List<String> paths, String where) {
    List<String> valid = new ArrayList<>();
    for (String raw : paths) {
      String path = raw.strip().replaceAll("/+$", "");
      Path normal = Path.of(path.isEmpty() ? "." : path).normalize();
      if (path.isEmpty()
          || path.startsWith("-")
          || path.startsWith("/")
          || normal.startsWith("..")
          || normal.toString().isEmpty()
          || path.chars().anyMatch(c -> c < 0x20 || "*?[]\\!#".indexOf(c) >= 0)
          || List.of(path.split("/")).contains(".git")) {
        throw new HnException(
            "'"
                + raw
                + "' ("
                + where
                + ") is not a folder inside the repository; sparse takes plain relative paths"
                + " such as 'services/api'.");
      }
      valid.add(normal.toString());
    }
    return valid;
  }
}
