package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * What hn knows of SQLite files on their own, before any connection of the registry: how to open
 * one, whether a file is SQLite (or hn's), and which failures are passing.
 */
final class SqliteFiles {
  private SqliteFiles() {}

  static final int ATTEMPTS = 5;

  static String damaged(Path path) {
    return path
        + " is damaged; hn does not write to it. Run 'hn registry repair', which keeps it as a"
        + " backup and recovers what it can.";
  }

  static boolean isTransient(SQLException e) {
    return isBusy(e) || (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_IOERR.code;
  }

  static boolean healthy(Path path) {
    try (Connection c = connect(path);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
      return rs.next() && "ok".equals(rs.getString(1));
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * Whether the file holds hn's schema: its `CREATE TABLE repositories` text is in the schema
   * pages, which are read as bytes so that a file whose schema SQLite cannot parse any more is
   * still recognised.
   */
  static boolean hasHnSchema(Path path) {
    try (java.io.InputStream in = Files.newInputStream(path)) {
      return new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.ISO_8859_1)
          .contains("CREATE TABLE repositories");
    } catch (IOException e) {
      return false;
    }
  }

  static Connection connect(Path path) throws SQLException {
    return dataSource(path).getConnection();
  }

  /** A data source, not DriverManager: drivers registered there are tied to a class loader. */
  static SQLiteDataSource dataSource(Path path) {
    SqliteNativeLibrary.useKeptCopy();
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url(path));
    return dataSource;
  }

  static String url(Path path) {
    return location(path)
        + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=true";
  }

  /**
   * The file as an SQLite URI, percent-encoded: in a plain `jdbc:sqlite:<path>` a `?` in a folder's
   * name would start the parameters (and SQLite would open another file).
   */
  static String location(Path path) {
    return "jdbc:sqlite:file:" + path.toAbsolutePath().toUri().getRawPath();
  }

  static boolean isBusy(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLiteErrorCode.SQLITE_BUSY.code
        || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  /** Whether the file starts as every SQLite database does (damaged or not). */
  static boolean isSqlite(Path path) {
    byte[] magic = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (java.io.InputStream in = Files.newInputStream(path)) {
      return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
    } catch (IOException e) {
      return false;
    }
  }

  static void pause(int attempt) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HnException("Interrupted while waiting for the state database.", e);
    }
  }

  static HnException translate(SQLException e, Path path) {
    int code = e.getErrorCode();
    if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return new HnException(
          isSqlite(path)
              ? damaged(path)
              : path
                  + " is not an SQLite database, so it is not hn's registry; point HN_REGISTRY"
                  + " at hn's database file.",
          e);
    }
    if ((code & 0xff) == SQLiteErrorCode.SQLITE_READONLY.code) {
      return new HnException(
          "The registry file "
              + path
              + " is read-only; hn needs to write to it (fix its permissions, or point HN_REGISTRY"
              + " at a file you can write).",
          e);
    }
    if (isBusy(e)) {
      return new HnException(
          path + " stayed busy for too long; another hn may be stuck, try again.", e);
    }
    return new HnException("State database " + path + ": " + e.getMessage(), e);
  }
}
