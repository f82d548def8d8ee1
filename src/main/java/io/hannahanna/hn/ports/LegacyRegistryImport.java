package io.hannahanna.hn.ports;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.HnException;
import io.hannahanna.hn.repo.Repo;
import io.hannahanna.hn.repo.WorktreeName;
import io.hannahanna.hn.state.Database;
import io.hannahanna.hn.state.RepositoryRows;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Imports the older YAML registry (`port-registry.yaml`: `allocations: {worktree: {service:
 * port}}`) from `.hn-state/` or `.wt-state/` the first time the registry is used, then renames the
 * file so it is not imported twice. A file it cannot read is moved aside, never deleted; rows it
 * cannot import are reported one by one.
 *
 * <p>It runs when a repository first uses the registry rather than as a Flyway migration, because
 * one database may serve several repositories, each with its own legacy file.
 */
@RequestScoped
public class LegacyRegistryImport {
  public static final String FILE_NAME = "port-registry.yaml";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Database database;
  private final Diagnostics diagnostics;
  private boolean checked;

  /** For the request scope's client proxy, which hands every call to the invocation's own. */
  LegacyRegistryImport() {
    this(null, null);
  }

  @Inject
  public LegacyRegistryImport(Database database, Diagnostics diagnostics) {
    this.database = database;
    this.diagnostics = diagnostics;
  }

  public void importOnce(Repo repo) {
    if (checked) {
      return;
    }
    checked = true;
    for (Path dir : List.of(repo.stateDir(), repo.root().resolve(".wt-state"))) {
      Path file = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(file)) {
        importFile(repo, file);
      }
    }
  }

  private void importFile(Repo repo, Path file) {
    Object document;
    try {
      String text = Files.readString(file);
      document =
          text.isBlank()
              ? Map.of()
              : new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
                  .loadFromString(text);
    } catch (IOException | YamlEngineException | IllegalArgumentException e) {
      setAside(file, "corrupt", "could not be read (" + firstLine(e) + ")");
      return;
    }
    if (!(document instanceof Map<?, ?> root)
        || (root.containsKey("allocations") && !(root.get("allocations") instanceof Map))) {
      setAside(
          file, "corrupt", "is not a registry (expected allocations: {worktree: {service: port}})");
      return;
    }
    List<String> problems = new ArrayList<>();
    List<Row> rows = rows(root.get("allocations"), problems);
    // Under the write lock, and only while the file is still there: of several hn processes that
    // start at once, one imports and renames it, the others find nothing left to do.
    Optional<Imported> done =
        database.transaction(
            c -> {
              if (!Files.isRegularFile(file)) {
                return Optional.<Imported>empty();
              }
              long id = RepositoryRows.id(c, repo.root(), repo.name(), repo.uid());
              List<String> held = new ArrayList<>();
              int count = 0;
              for (Row row : rows) {
                String holder = holder(c, row.port());
                if (holder == null) {
                  PortStore.insert(
                      c,
                      "", // the YAML registry knew only this machine
                      id,
                      row.worktree(),
                      row.service(),
                      0,
                      Protocol.TCP,
                      row.port(),
                      Instant.now());
                  count++;
                } else if (!holder.equals(row.worktree() + "/" + row.service())) {
                  held.add(
                      row.label()
                          + ": port "
                          + row.port()
                          + " is already held by "
                          + holder
                          + "; skipped");
                }
              }
              return Optional.of(new Imported(count, held, setAsideQuietly(file, "imported")));
            });
    if (done.isEmpty()) {
      return;
    }
    Imported result = done.get();
    diagnostics.info(
        "Imported "
            + result.count()
            + " port allocation(s) from the old registry "
            + file
            + (result.movedTo() == null ? "." : "; the file is now " + result.movedTo() + "."));
    problems.addAll(result.held());
    problems.forEach(p -> diagnostics.warn("old registry " + p + "."));
  }

  /** What one import did: rows written, rows whose port another holds, where the file went. */
  private record Imported(int count, List<String> held, Path movedTo) {}

  /** One allocation read from the YAML file. */
  private record Row(String worktree, String service, int port) {
    String label() {
      return worktree + "/" + service;
    }
  }

  private static List<Row> rows(Object allocations, List<String> problems) {
    List<Row> rows = new ArrayList<>();
    if (!(allocations instanceof Map<?, ?> byWorktree)) {
      return rows;
    }
    for (Map.Entry<?, ?> worktree : byWorktree.entrySet()) {
      if (!(worktree.getKey() instanceof String name)) {
        problems.add(notAName(worktree.getKey()));
        continue;
      }
      if (!(worktree.getValue() instanceof Map<?, ?> services)) {
        problems.add(name + ": expected service: port entries; skipped");
        continue;
      }
      for (Map.Entry<?, ?> service : services.entrySet()) {
        if (!(service.getKey() instanceof String)) {
          problems.add(name + "/" + notAName(service.getKey()));
          continue;
        }
        String label = name + "/" + service.getKey();
        Object port = service.getValue();
        if (port instanceof String text && text.strip().matches("\\d{1,9}")) {
          port = Long.parseLong(text.strip()); // "3010": a port written as a string
        }
        try {
          WorktreeName.validate(name);
          PortRequest.validateService(String.valueOf(service.getKey()));
        } catch (HnException e) {
          problems.add(label + ": " + HnException.sentence(e.getMessage()) + " Skipped");
          continue;
        }
        if (!(port instanceof Number number) || number.longValue() != number.doubleValue()) {
          problems.add(label + ": port '" + port + "' is not a number; skipped");
        } else if (number.longValue() < 1 || number.longValue() > 65535) {
          problems.add(label + ": port " + port + " is outside 1-65535; skipped");
        } else {
          rows.add(new Row(name, String.valueOf(service.getKey()), number.intValue()));
        }
      }
    }
    return rows;
  }

  /** A key YAML read as something else than a name (null, true, 42): reported, not imported. */
  private static String notAName(Object key) {
    return "key '"
        + key
        + "' is read by YAML as "
        + (key == null ? "null" : "a " + key.getClass().getSimpleName().toLowerCase(Locale.ROOT))
        + ", not a name (quote it in the file to import it); skipped";
  }

  private static String holder(Connection c, int port) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT worktree || '/' || service FROM port_allocations WHERE protocol = 'tcp'"
                + " AND host_port = ?")) {
      s.setInt(1, port);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private void setAside(Path file, String suffix, String reason) {
    Path moved = setAsideQuietly(file, suffix);
    diagnostics.warn(
        "the old port registry "
            + file
            + " "
            + reason
            + (moved == null
                ? "; it was left in place (it could not be moved)."
                : "; it was moved to " + moved + " and hn goes on without it."));
  }

  private Path setAsideQuietly(Path file, String suffix) {
    Path target =
        file.resolveSibling(
            file.getFileName() + "." + suffix + "-" + LocalDateTime.now().format(STAMP));
    try {
      return Files.move(file, target);
    } catch (IOException e) {
      diagnostics.warn("could not rename " + file + ": " + e.getMessage());
      return null;
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message).strip();
  }
}
