package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Workspace;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
  public static final int SCHEMA_VERSION = 4;

  private static final int ATTEMPTS = 5;

  private final Workspace workspace;
  private final Optional<String> registryOverride;
  private Path file;
  private Connection connection;
  private boolean checked;

  public Database(
      Workspace workspace, @ConfigProperty(name = "hn.registry") Optional<String> registry) {
    this.workspace = workspace;
    this.registryOverride = registry.filter(s -> !s.isBlank());
  }

  /** The database file: `HN_REGISTRY` when set, else `.hn-state/hn.db` of the repository. */
  public Path file() {
    return registryOverride
        .map(Database::registryPath)
        .orElseGet(() -> workspace.repo().stateDir().resolve("hn.db"));
  }

  /**
   * HN_REGISTRY as a path. It must be absolute: a relative one names another file in every folder
   * hn runs in, and each would hand out the same ports again.
   */
  private static Path registryPath(String value) {
    if (value.startsWith("~")) {
      throw new HnException(
          "HN_REGISTRY starts with '~', which only a shell expands; give the whole path, such as"
              + " $HOME"
              + value.substring(1)
              + ".");
    }
    Path path = Path.of(value);
    if (!path.isAbsolute()) {
      throw new HnException(
          "HN_REGISTRY must be an absolute path, not '"
              + value
              + "': a relative one would name a different registry in every folder.");
    }
    path = path.normalize();
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new HnException(
          "HN_REGISTRY names "
              + path
              + ", which is "
              + (Files.isDirectory(path) ? "a folder" : "not a regular file")
              + "; name hn's database file, such as $HOME/.local/state/hn/registry.db.");
    }
    return path;
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
    return run("BEGIN IMMEDIATE", true, work);
  }

  /**
   * Runs reading work in one DEFERRED transaction: a consistent view that never takes the write
   * lock, so `hn list` and `hn ports list` do not wait for a writer.
   */
  public <T> T read(SqlWork<T> work) {
    return run("BEGIN DEFERRED", false, work);
  }

  private <T> T run(String begin, boolean write, SqlWork<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Connection c;
      try {
        c = connection();
        if (write) {
          refuseDamage(c);
        }
        execute(c, begin);
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
   * Before this process first writes, SQLite checks the file (`PRAGMA quick_check`, a few ms): a
   * damaged database is refused, never written to.
   */
  private void refuseDamage(Connection c) throws SQLException {
    if (checked) {
      return;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
      if (!rs.next() || !"ok".equals(rs.getString(1))) {
        throw new HnException(damaged(file));
      }
    }
    checked = true;
  }

  private static String damaged(Path path) {
    return path
        + " is damaged; hn does not write to it. Run 'hn registry repair', which keeps it as a"
        + " backup and recovers what it can.";
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
      if ((e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_READONLY.code) {
        throw new HnException(
            "The query tried to write; 'hn registry sql' only reads (use hn's commands to change"
                + " the registry).",
            e);
      }
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

  /** What `hn registry repair` did: per table, what it kept and what it lost. */
  public record Repair(Path file, Path backup, List<String> salvaged) {}

  /** Tables copied by {@link #repair()}, parents first; their columns come from the files. */
  private static final List<String> TABLES =
      List.of("repositories", "worktrees", "port_allocations");

  /**
   * Moves a damaged database aside (it is kept as a backup), creates a new one and copies over
   * every row SQLite can still read: table by table, and where a table cannot be read whole, by
   * ranges of rowids down to single rows. A healthy database is left alone (the result's backup is
   * null); a file that is not an hn database is refused untouched.
   */
  public Repair repair() {
    Path path = file();
    if (!Files.exists(path)) {
      return new Repair(path, null, List.of());
    }
    refuseForeign(path);
    if (healthy(path)) {
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
    try (Connection c = connect(path);
        Statement s = c.createStatement()) {
      try {
        s.execute("ATTACH DATABASE '" + backup.toString().replace("'", "''") + "' AS old");
      } catch (SQLException e) {
        TABLES.forEach(
            t ->
                salvaged.add(
                    t + ": its schema cannot be read (" + e.getMessage() + "); 0 rows kept"));
        return new Repair(path, backup, salvaged);
      }
      for (String table : TABLES) {
        salvaged.add(RowSalvage.copy(c, table));
      }
    } catch (SQLException e) {
      throw translate(e);
    }
    return new Repair(path, backup, salvaged);
  }

  /** Refuses a file that is not SQLite or has none of hn's tables: repair would ruin it. */
  private static void refuseForeign(Path path) {
    if (!isSqlite(path)) {
      throw new HnException(
          path + " is not an SQLite database, so it is not hn's registry; hn leaves it as it is.");
    }
    if (!hasHnSchema(path)) {
      throw new HnException(
          path
              + " is an SQLite database without hn's tables, so it is not hn's registry; hn"
              + " leaves it as it is.");
    }
  }

  /**
   * Whether the file holds hn's schema: its `CREATE TABLE repositories` text is in the schema
   * pages, which are read as bytes so that a file whose schema SQLite cannot parse any more is
   * still recognised.
   */
  private static boolean hasHnSchema(Path path) {
    try (java.io.InputStream in = Files.newInputStream(path)) {
      return new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.ISO_8859_1)
          .contains("CREATE TABLE repositories");
    } catch (IOException e) {
      return false;
    }
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

  /** SQLite's own limit on the path of a database file (SQLITE_MAX_PATHNAME). */
  private static final int MAX_PATH = 512;

  private Path prepare(Path path) {
    if (path.toString().length() >= MAX_PATH) {
      throw new HnException(
          "The registry's path is "
              + path.toString().length()
              + " characters long; SQLite opens files of up to "
              + (MAX_PATH - 1)
              + " (set HN_REGISTRY to a shorter path).");
    }
    if (registryOverride.isEmpty()) {
      StateDirectory.ensure(path.getParent());
    } else if (!Files.isDirectory(path.getParent())) {
      throw new HnException(
          "The folder of HN_REGISTRY ("
              + path.getParent()
              + ") does not exist; create it or fix HN_REGISTRY.");
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
    probe.setUrl("jdbc:sqlite:" + path);
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = probe.getConnection()) {
        int version = schemaVersion(connection);
        if (version == 0 && hasTables(connection)) {
          throw new HnException(
              path
                  + " is an SQLite database without hn's tables, so it is not hn's registry;"
                  + " point HN_REGISTRY at hn's database file.");
        }
        return version;
      } catch (SQLException e) {
        if (attempt == ATTEMPTS || !isTransient(e)) {
          throw translate(e, path);
        }
        pause(attempt);
      }
    }
  }

  private static boolean hasTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
      return rs.getInt(1) > 0;
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
