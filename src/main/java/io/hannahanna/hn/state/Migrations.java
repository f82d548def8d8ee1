package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The registry's schema versions: read without changing the file, and brought up to date by Flyway
 * when behind, one hn process at a time.
 */
public final class Migrations {
  private Migrations() {}

  /** The highest migration in `migrations/`; a test keeps the two in step. */
  public static final int SCHEMA_VERSION = 10;

  static void migrateIfBehind(Path path) {
    int version = version(path);
    if (version == SCHEMA_VERSION) {
      return;
    }
    if (version > SCHEMA_VERSION) {
      throw new HnException(
          path + " was written by a newer hn (schema " + version + "); upgrade hn to use it.");
    }
    // SQLite has no lock Flyway can hold across a migration, so hn processes take turns on a
    // lock file; whoever comes second finds the schema up to date.
    Path lockFile = path.resolveSibling(path.getFileName() + ".migration-lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      for (int attempt = 1; lock.isValid() && version(path) < SCHEMA_VERSION; attempt++) {
        try {
          Flyway.configure()
              .dataSource(SqliteFiles.dataSource(path))
              .locations("classpath:db/migration")
              .load()
              .migrate();
        } catch (FlywayException e) {
          if (attempt == SqliteFiles.ATTEMPTS) {
            throw e;
          }
          SqliteFiles.pause(
              attempt); // a passing I/O error while other processes open the file; look again
        }
      }
    } catch (IOException e) {
      throw new HnException(
          "Cannot create "
              + lockFile
              + " ("
              + e.getClass().getSimpleName()
              + "); the registry must be in a folder where hn can create files.",
          e);
    } catch (FlywayException e) {
      throw new HnException(
          "Could not bring " + path + " to schema " + SCHEMA_VERSION + ": " + e.getMessage(), e);
    }
  }

  /** The file's schema version, read without changing it (0: no file, or no schema yet). */
  private static int version(Path path) {
    if (!Files.exists(path)) {
      return 0;
    }
    SqliteNativeLibrary.useKeptCopy();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource probe = new SQLiteDataSource(config);
    probe.setUrl(SqliteFiles.location(path));
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = probe.getConnection()) {
        int version = schemaVersion(connection);
        if (version == 0 && foreign(connection)) {
          throw new HnException(
              path
                  + " is an SQLite database without hn's tables, so it is not hn's registry;"
                  + " point HN_REGISTRY at hn's database file.");
        }
        return version;
      } catch (SQLException e) {
        if (attempt == SqliteFiles.ATTEMPTS || !SqliteFiles.isTransient(e)) {
          throw SqliteFiles.translate(e, path);
        }
        SqliteFiles.pause(attempt);
      }
    }
  }

  /**
   * With no migration committed: tables (or views) other than Flyway's history and its index mean
   * another program's database. Flyway's history alone is another hn's first run under way (it
   * holds the migration lock; its first migration commits its tables and its history row together).
   */
  private static boolean foreign(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master"
                    + " WHERE tbl_name <> 'flyway_schema_history' AND name NOT LIKE 'sqlite_%'")) {
      return rs.getInt(1) > 0;
    }
  }

  static int schemaVersion(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet tables =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE name = 'flyway_schema_history'")) {
      if (tables.getInt(1) == 0) {
        return 0;
      }
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(max(CAST(version AS INTEGER)), 0) FROM flyway_schema_history"
                    + " WHERE success = 1")) {
      return rs.getInt(1);
    }
  }
}
