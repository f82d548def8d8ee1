package io.hannahanna.hn.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc unpacks its native library into the temp folder on every start (~60 ms here). The
 * launcher names a folder in its cache (system property {@value #DIR_PROPERTY}); the training run
 * keeps a copy there, per sqlite-jdbc version, and later runs load that copy.
 */
public final class SqliteNativeLibrary {
  public static final String DIR_PROPERTY = "hn.native-dir";
  private static boolean checked;

  private SqliteNativeLibrary() {}

  /** Points sqlite-jdbc at the kept copy, if there is one; before the first connection. */
  static synchronized void useKeptCopy() {
    if (checked) {
      return;
    }
    checked = true;
    Path lib = keptCopy();
    if (lib != null && Files.isRegularFile(lib)) {
      System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
      System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
    }
  }

  /** Writes the copy from sqlite-jdbc's jar; a temporary file renamed, so no run sees half. */
  public static void keep() throws IOException {
    Path lib = keptCopy();
    if (lib == null) {
      return;
    }
    String resource =
        "/org/sqlite/native/"
            + OSInfo.getNativeLibFolderPathForCurrentOS()
            + "/"
            + lib.getFileName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return;
      }
      Files.createDirectories(lib.getParent());
      Path tmp = Files.createTempFile(lib.getParent(), lib.getFileName().toString(), ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static Path keptCopy() {
    String dir = System.getProperty(DIR_PROPERTY, "");
    return dir.isBlank()
        ? null
        : Path.of(dir, SQLiteJDBCLoader.getVersion(), System.mapLibraryName("sqlitejdbc"));
  }
}
