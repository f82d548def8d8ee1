package io.hannahanna.hn.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * A repository's id in the registry, kept in its git directory (`.git/hn-repository-id`) beside the
 * path it was made for. A moved folder keeps its id (the registry's rows follow it); a copy, whose
 * original is still where the file says with the same id, gets an id of its own.
 */
final class RepositoryId {
  static final String FILE_NAME = "hn-repository-id";

  private RepositoryId() {}

  /** The id, made on first use; null when the git directory cannot be written. */
  static String of(Path root) {
    Path file = root.resolve(".git").resolve(FILE_NAME);
    try {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
      if (lines.size() >= 2 && !lines.get(0).isBlank()) {
        String id = lines.get(0).strip();
        Path recorded = Path.of(lines.get(1).strip());
        if (recorded.equals(root)) {
          return id;
        }
        if (!id.equals(idAt(recorded))) {
          write(file, id, root); // moved: the id goes with the folder
          return id;
        }
      }
      String fresh = UUID.randomUUID().toString();
      write(file, fresh, root);
      return fresh;
    } catch (IOException | RuntimeException e) {
      return null; // a registry keyed by path only, as before ids
    }
  }

  private static String idAt(Path otherRoot) {
    try {
      List<String> lines = Files.readAllLines(otherRoot.resolve(".git").resolve(FILE_NAME));
      return lines.isEmpty() ? null : lines.get(0).strip();
    } catch (IOException e) {
      return null;
    }
  }

  private static void write(Path file, String id, Path root) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
    Files.writeString(temp, id + "\n" + root + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
