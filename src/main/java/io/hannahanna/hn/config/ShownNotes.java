package io.hannahanna.hn.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Remembers which config contents hn already showed its notes for (hannahanna spellings), in the
 * user's state folder, so a note appears once rather than on every command.
 */
final class ShownNotes {
  private final Path file;

  /**
   * @param file where the digests are kept; null: remember nothing (every note shows)
   */
  ShownNotes(Path file) {
    this.file = file;
  }

  /** True the first time a key is seen; it is remembered from then on. */
  boolean firstTime(String key) {
    if (file == null) {
      return true;
    }
    try {
      if (Files.exists(file) && Files.readAllLines(file).contains(key)) {
        return false;
      }
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          key + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // cannot remember: the notes show again next time, nothing worse
    }
    return true;
  }
}
