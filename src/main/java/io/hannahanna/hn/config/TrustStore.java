package io.hannahanna.hn.config;

import io.hannahanna.hn.HnException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The config files the user has trusted, with the digest of the content they trusted. It lives in
 * the user's own state folder ({@code $XDG_STATE_HOME/hn/trusted}, else {@code
 * ~/.local/state/hn/trusted}), outside every repository, so a repository cannot trust itself.
 */
@Singleton
public class TrustStore {
  private final Path file;

  public TrustStore(@ConfigProperty(name = "xdg.state.home") Optional<String> stateHome) {
    this.file = UserDirs.state(stateHome).resolve("hn").resolve("trusted");
  }

  /** What the user said of a config file. */
  public enum Verdict {
    TRUSTED,
    /** trusted once, but its content changed since */
    CHANGED,
    UNTRUSTED
  }

  public Path file() {
    return file;
  }

  public Verdict verdict(Path config, String digest) {
    String recorded = read().get(config.toString());
    return recorded == null
        ? Verdict.UNTRUSTED
        : recorded.equals(digest) ? Verdict.TRUSTED : Verdict.CHANGED;
  }

  public void trust(Path config, String digest) {
    if (config.toString().contains("\n")) {
      throw new HnException("hn cannot trust a file whose path has a line break: " + config + ".");
    }
    Map<String, String> entries = read();
    entries.put(config.toString(), digest);
    write(entries);
  }

  /** Returns whether the file was trusted. */
  public boolean untrust(Path config) {
    Map<String, String> entries = read();
    boolean removed = entries.remove(config.toString()) != null;
    if (removed) {
      write(entries);
    }
    return removed;
  }

  /** One line per file: {@code <sha256> <absolute path>}. */
  private Map<String, String> read() {
    Map<String, String> entries = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        int space = line.indexOf(' ');
        if (space > 0) {
          entries.put(line.substring(space + 1), line.substring(0, space));
        }
      }
    } catch (NoSuchFileException e) {
      return entries;
    } catch (IOException e) {
      throw new HnException("Cannot read the trust list " + file + ": " + e.getMessage() + ".", e);
    }
    return entries;
  }

  private void write(Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    entries.forEach((path, digest) -> text.append(digest).append(' ').append(path).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "trusted", ".tmp");
      Files.writeString(temp, text);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new HnException("Cannot write the trust list " + file + ": " + e.getMessage() + ".", e);
    }
  }
}
