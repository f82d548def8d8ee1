package io.hannahanna.hn.compose;

import io.hannahanna.hn.config.UserDirs;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The user's folder of the shared proxy (`$XDG_STATE_HOME/hn/proxy`, owner only): each repository's
 * route file, and the proxy's configuration, which the proxy container reads from there (mounted at
 * {@link #MOUNTED}). Files are replaced whole, so no reader sees half of one.
 */
@Singleton
public class ProxyFolder {
  /** Where the proxy container sees the folder. */
  static final String MOUNTED = "/etc/hn-proxy";

  static final String CONFIG = "caddy.json";

  private final Path root;

  public ProxyFolder(@ConfigProperty(name = "xdg.state.home") Optional<String> stateHome) {
    this.root = UserDirs.state(stateHome).resolve("hn").resolve("proxy");
  }

  public Path root() {
    return root;
  }

  void writeRoutes(Path repository, String json) {
    write(root.resolve("routes").resolve(hash(repository.toString()) + ".json"), json);
  }

  /** The text of every repository's route file. */
  List<String> routeFiles() {
    List<String> texts = new ArrayList<>();
    Path routes = root.resolve("routes");
    if (!Files.isDirectory(routes, LinkOption.NOFOLLOW_LINKS)) {
      return texts;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(routes, "*.json")) {
      for (Path file : files) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          texts.add(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  /** Writes the proxy's configuration; false when it was already exactly that. */
  boolean writeConfig(String json) {
    Path file = root.resolve(CONFIG);
    try {
      if (Files.isRegularFile(file) && Files.readString(file).equals(json)) {
        return false;
      }
    } catch (IOException e) {
      // written again below
    }
    write(file, json);
    return true;
  }

  private void write(Path file, String text) {
    try {
      Files.createDirectories(
          root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".", ".tmp");
      Files.writeString(temp, text);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
