package io.hannahanna.hn.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * What `hn trust` records for a repository: the SHA-256 of the files a clone brings that can make
 * hn run things — `.hannahanna.yml`, `.hannahanna.local.yml` (which lies in the repository's folder
 * too) and every template's `.hannahanna.yml`. A file added later folds into the digest of the
 * earlier ones, so a repository without it keeps the digest (and the trust) it had.
 */
final class TrustDigest {
  private TrustDigest() {}

  /** null when the repository has none of these files. */
  static String of(
      Path repoRoot, byte[] repoBytes, byte[] localBytes, Function<Path, byte[]> read) {
    String digest = null;
    if (repoBytes != null || localBytes != null) {
      digest = sha256(repoBytes == null ? new byte[0] : repoBytes);
      if (localBytes != null) {
        digest = fold(digest, ConfigLoader.LOCAL_FILE_NAME + "\0" + sha256(localBytes));
      }
    }
    StringBuilder fragments = new StringBuilder();
    for (String name : TemplateFolders.names(repoRoot)) {
      Optional<Path> fragment = TemplateFolders.fragment(repoRoot, name);
      if (fragment.isPresent()) {
        fragments.append(name).append('\0').append(sha256(read.apply(fragment.get()))).append('\0');
      }
    }
    return fragments.length() == 0
        ? digest
        : fold(digest == null ? "" : digest, TemplateFolders.DIR + "\0" + fragments);
  }

  private static String fold(String digest, String more) {
    return sha256((digest + "\0" + more).getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
