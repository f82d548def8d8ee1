package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Workspace;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * hn's SQLite state database: one connection per process, and the work of each command in one
 * transaction. Opened only by commands that need it; Flyway runs only when the file's schema is
 * behind ({@link Migrations}), so most starts pay one cheap query.
 */
@RequestScoped
public class Database {
  private final Workspace workspace;
  private final Optional<String> registryOverride;
  private Path file;
  private Connection connection;
  private boolean checked;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  Database() {
    this(null, Optional.empty());
  }

  @Inject
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
    for (int attempt = 1; attempt <= SqliteFiles.ATTEMPTS; attempt++) {
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
        SqliteFiles.pause(attempt);
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
        SqliteFiles.pause(attempt);
      } catch (RuntimeException e) {
        rollBack(c);
        throw e;
      }
    }
    throw translate(last);
  }

  /**
   * Before this process first writes, SQLite checks the file (`PRAGMA quick_check`, a few ms): a
   * SqliteFiles.damaged database is refused, never written to.
   */
  private void refuseDamage(Connection c) throws SQLException {
    if (checked) {
      return;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
      if (!rs.next() || !"ok".equals(rs.getString(1))) {
        throw new HnException(SqliteFiles.damaged(file));
      }
    }
    checked = true;
  }

  /**
   * Returns the exception when another attempt may succeed: a busy or locked database, or a passing
   * I/O error while many processes open a fresh WAL database at once. Else throws it.
   */
  private SQLException retryable(SQLException e) {
    if (!SqliteFiles.isTransient(e)) {
      throw translate(e);
    }
    return e;
  }

  private void dropConnection() {
    close();
    connection = null;
  }

  /** One connection per hn process: commands are short, and opening costs more than a query. */
  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = SqliteFiles.connect(prepared());
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
    source.setUrl(SqliteFiles.location(path));
    try (Connection connection = source.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      // changing the journal mode of a read-only connection fails to take its lock instead
      if ((e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_READONLY.code
          || (e instanceof org.sqlite.SQLiteException se
              && se.getResultCode() == SQLiteErrorCode.SQLITE_IOERR_LOCK)) {
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
            return new Health(rs.getString(1), Migrations.schemaVersion(c));
          }
        });
  }

  /** After repair moved the damaged file aside: a new, empty registry at the same path. */
  void recreate(Path path) {
    dropConnection();
    checked = false;
    file = prepare(path);
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
      // a repository can commit `.hn-state/hn.db -> ~/other.db` (or its -wal beside it)
      for (String suffix : List.of("", "-wal", "-shm", ".migration-lock")) {
        Path file = path.resolveSibling(path.getFileName() + suffix);
        if (Files.isSymbolicLink(file)) {
          throw new HnException(
              file
                  + " is a symbolic link; hn opens its registry only as a file of the repository"
                  + " itself. Remove the link (git rm, if the repository commits it) and try again.");
        }
      }
    } else if (!Files.isDirectory(path.getParent())) {
      throw new HnException(
          "The folder of HN_REGISTRY ("
              + path.getParent()
              + ") does not exist; create it or fix HN_REGISTRY.");
    }
    Migrations.migrateIfBehind(path);
    return path;
  }

  private HnException translate(SQLException e) {
    return SqliteFiles.translate(e, file);
  }
}
