package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.worktree.Workspace;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * hn's SQLite state database. Opened only by commands that need it; Flyway runs only when the
 * file's schema is behind {@link #SCHEMA_VERSION}, so most starts pay one cheap query.
 */
@Singleton
public class Database {
  /** The highest migration in `migrations/`; a test keeps the two in step. */
  public static final int SCHEMA_VERSION = 3;

  private static final int ATTEMPTS = 5;

  private final Workspace workspace;
  private final Optional<String> registryOverride;
  private Path file;
  private Connection connection;

  public Database(
      Workspace workspace, @ConfigProperty(name = "hn.registry") Optional<String> registry) {
    this.workspace = workspace;
    this.registryOverride = registry.filter(s -> !s.isBlank());
  }

  /** The database file: `HN_REGISTRY` when set, else `.hn-state/hn.db` of the repository. */
  public Path file() {
    return registryOverride
        .map(p -> workspace.startDirectory().resolve(p).normalize())
        .orElseGet(() -> workspace.repo().stateDir().resolve("hn.db"));
  }

  /** Work that runs inside one transaction. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  /**
   * Runs the work in one IMMEDIATE transaction: all of it is written or none. The write lock is
   * taken at BEGIN, so SQLite's busy timeout applies and no transaction fails half-way on a lock; a
   * database that stays busy is retried a few times on top of it.
   */
  public <T> T transaction(SqlWork<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Connection c;
      try {
        c = connection();
        execute(c, "BEGIN IMMEDIATE");
      } catch (SQLException e) {
        last = retryable(e);
        dropConnection();
        pause(attempt);
        continue;
      }
      try {
        T result = work.apply(c);
        execute(c, "COMMIT");
        return result;
      } catch (SQLException e) {
        rollBack(c);
        last = retryable(e);
        dropConnection();
        pause(attempt);
      } catch (RuntimeException e) {
        rollBack(c);
        throw e;
      }
    }
    throw translate(last);
  }

  /**
   * Returns the exception when another attempt may succeed: a busy or locked database, or a passing
   * I/O error while many processes open a fresh WAL database at once. Else throws it.
   */
  private SQLException retryable(SQLException e) {
    if (!isTransient(e)) {
      throw translate(e);
    }
    return e;
  }

  private void dropConnection() {
    close();
    connection = null;
  }

  private static boolean isTransient(SQLException e) {
    return isBusy(e) || (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_IOERR.code;
  }

  /** One connection per hn process: commands are short, and opening costs more than a query. */
  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = connect(prepared());
    }
    return connection;
  }

  @PreDestroy
  void close() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      // closing at exit: nothing left to protect
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private void rollBack(Connection c) {
    try {
      execute(c, "ROLLBACK");
    } catch (SQLException e) {
      // SQLite already rolled back; drop the connection so the next transaction starts clean
      dropConnection();
    }
  }

  /**
   * Runs read-only work on a connection that SQLite itself opens read-only, so a write is refused
   * by the database, whatever the SQL text says.
   */
  public <T> T readOnly(SqlWork<T> work) {
    Path path = prepared();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + path);
    try (Connection connection = source.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** The registry's health for `hn doctor`: integrity check result and schema version. */
  public record Health(String integrity, int version) {}

  public Health health() {
    return readOnly(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            return new Health(rs.getString(1), schemaVersion(c));
          }
        });
  }

  /** What `hn registry repair` did. */
  public record Repair(Path file, Path backup, List<String> salvaged) {}

  /**
   * Moves a damaged database aside (it is kept as a backup), creates a new one and copies over what
   * can still be read. A healthy database is left alone (the result's backup is null).
   */
  public Repair repair() {
    Path path = file();
    if (!Files.exists(path) || healthy(path)) {
      return new Repair(path, null, List.of());
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path backup = path.resolveSibling(path.getFileName() + ".broken-" + stamp);
    try {
      Files.move(path, backup);
      for (String suffix : List.of("-wal", "-shm")) {
        Path side = path.resolveSibling(path.getFileName() + suffix);
        if (Files.exists(side)) {
          Files.move(side, backup.resolveSibling(backup.getFileName() + suffix));
        }
      }
    } catch (IOException e) {
      throw new HnException("Cannot move " + path + " aside: " + e.getMessage() + ".", e);
    }
    file = prepare(path);
    List<String> salvaged = new ArrayList<>();
    for (Map.Entry<String, String> table : TABLES.entrySet()) {
      try (Connection c = connect(path);
          Statement s = c.createStatement()) {
        s.execute("ATTACH DATABASE '" + backup.toString().replace("'", "''") + "' AS old");
        int rows =
            s.executeUpdate(
                "INSERT OR IGNORE INTO main."
                    + table.getKey()
                    + " ("
                    + table.getValue()
                    + ") SELECT "
                    + table.getValue()
                    + " FROM old."
                    + table.getKey());
        salvaged.add(table.getKey() + ": " + rows + " row(s) recovered");
      } catch (SQLException e) {
        salvaged.add(table.getKey() + ": could not be read (" + e.getMessage() + ")");
      }
    }
    return new Repair(path, backup, salvaged);
  }

  /** Tables copied by {@link #repair()}, parents first, with their columns. */
  private static final Map<String, String> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("repositories", "id, root_path, name");
    TABLES.put("worktrees", "repository_id, name, path, parent, created_at");
    TABLES.put(
        "port_allocations",
        "id, repository_id, worktree, service, container_port, protocol, host_port, allocated_at");
  }

  private static boolean healthy(Path path) {
    try (Connection c = connect(path);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
      return rs.next() && "ok".equals(rs.getString(1));
    } catch (SQLException e) {
      return false;
    }
  }

  private Path prepared() {
    if (file == null) {
      file = prepare(file());
    }
    return file;
  }

  private Path prepare(Path path) {
    if (registryOverride.isEmpty()) {
      StateDirectory.ensure(path.getParent());
    } else {
      try {
        Files.createDirectories(path.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    migrateIfBehind(path);
    return path;
  }

  private static Connection connect(Path path) throws SQLException {
    return dataSource(path).getConnection();
  }

  /** A data source, not DriverManager: drivers registered there are tied to a class loader. */
  private static SQLiteDataSource dataSource(Path path) {
    SqliteNativeLibrary.useKeptCopy();
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url(path));
    return dataSource;
  }

  static String url(Path path) {
    return "jdbc:sqlite:"
        + path
        + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=true";
  }

  private void migrateIfBehind(Path path) {
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
              .dataSource(dataSource(path))
              .locations("classpath:db/migration")
              .load()
              .migrate();
        } catch (FlywayException e) {
          if (attempt == ATTEMPTS) {
            throw e;
          }
          pause(attempt); // a passing I/O error while other processes open the file; look again
        }
      }
    } catch (IOException e) {
      throw new HnException("Cannot lock " + lockFile + ": " + e.getMessage() + ".", e);
    } catch (FlywayException e) {
      throw new HnException(
          "Could not bring " + path + " to schema " + SCHEMA_VERSION + ": " + e.getMessage(), e);
    }
  }

  private static int version(Path path) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = connect(path)) {
        return schemaVersion(connection);
      } catch (SQLException e) {
        if (attempt == ATTEMPTS || !isTransient(e)) {
          throw translate(e, path);
        }
        pause(attempt);
      }
    }
  }

  private static int schemaVersion(Connection connection) throws SQLException {
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

  private static boolean isBusy(SQLException e) {
    return e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code
        || e.getErrorCode() == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HnException("Interrupted while waiting for the state database.", e);
    }
  }

  private HnException translate(SQLException e) {
    return translate(e, file);
  }

  private static HnException translate(SQLException e, Path path) {
    int code = e.getErrorCode();
    if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return new HnException(
          path
              + " is not a valid SQLite database (damaged or truncated); run 'hn registry repair',"
              + " which keeps it as a backup and recovers what it can.",
          e);
    }
    if (code == SQLiteErrorCode.SQLITE_READONLY.code) {
      return new HnException(
          "The query tried to write; 'hn registry sql' is read-only (use hn's commands to change"
              + " the registry).",
          e);
    }
    if (isBusy(e)) {
      return new HnException(
          path + " stayed busy for too long; another hn may be stuck, try again.", e);
    }
    return new HnException("State database " + path + ": " + e.getMessage(), e);
  }
}
