package io.hannahanna.hn.support;

import io.hannahanna.hn.config.TrustStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Trusts a test repository's `.hannahanna.yml` as `hn trust` would, for tests set up without hn.
 */
public final class Trusted {
  private Trusted() {}

  public static void config(Path repoRoot) {
    Path file = repoRoot.resolve(".hannahanna.yml");
    try {
      String digest =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
      new TrustStore(
              Optional.ofNullable(System.getenv("XDG_STATE_HOME")), System.getProperty("user.home"))
          .trust(file, digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
