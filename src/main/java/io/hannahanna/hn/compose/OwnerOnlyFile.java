package io.hannahanna.hn.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files hn writes that may hold secrets: created readable and writable by their owner only. */
final class OwnerOnlyFile {
  private OwnerOnlyFile() {}

  /** The generated file can hold values interpolated from `.env` (secrets): owner only. */
  static void write(Path file, String text) throws IOException {
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    }
    Files.setPosixFilePermissions(file, ownerOnly);
    Files.writeString(file, text);
  }
}
