package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * `hn registry sql`: one query that writes nothing anywhere. Three fences: only statements that
 * read may start it (no VACUUM INTO, ATTACH, or anything else that makes a file), the connection is
 * opened read-only, and {@code PRAGMA query_only} is on.
 */
@Singleton
public class RegistryQuery {
  private static final Set<String> READING =
      Set.of("SELECT", "WITH", "VALUES", "EXPLAIN", "PRAGMA");

  private final Database database;

  public RegistryQuery(Database database) {
    this.database = database;
  }

  public List<Map<String, Object>> run(String sql) {
    String statement = single(sql);
    String first = statement.split("[^A-Za-z]", 2)[0].toUpperCase(Locale.ROOT);
    if (!READING.contains(first) || (first.equals("PRAGMA") && statement.contains("="))) {
      throw new HnException(
          "'hn registry sql' only reads (SELECT, WITH, VALUES, EXPLAIN or a PRAGMA that reads);"
              + " use hn's commands to change the registry.");
    }
    return database.readOnly(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
            if (!s.execute(statement)) {
              return List.<Map<String, Object>>of();
            }
            try (ResultSet rs = s.getResultSet()) {
              ResultSetMetaData meta = rs.getMetaData();
              List<Map<String, Object>> rows = new ArrayList<>();
              while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                  row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
              }
              return rows;
            }
          }
        });
  }

  /**
   * The one statement of the text, without comments around it; more than one is an error (SQLite
   * would silently run only the first).
   */
  static String single(String sql) {
    StringBuilder statement = new StringBuilder();
    boolean ended = false;
    int i = 0;
    while (i < sql.length()) {
      char ch = sql.charAt(i);
      int end;
      if (ch == '-' && sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end + 1;
        i = end;
        continue;
      } else if (ch == '/' && sql.startsWith("/*", i)) {
        end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
        continue;
      } else if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
        char close = ch == '[' ? ']' : ch;
        end = sql.indexOf(close, i + 1);
        end = end < 0 ? sql.length() : end + 1;
      } else if (ch == ';') {
        ended = true;
        i++;
        continue;
      } else {
        end = i + 1;
      }
      if (ended && !Character.isWhitespace(ch)) {
        throw new HnException(
            "'hn registry sql' runs one statement; run each statement separately.");
      }
      statement.append(sql, i, end);
      i = end;
    }
    String result = statement.toString().strip();
    if (result.isEmpty()) {
      throw new HnException("The query is empty; give one SQL statement, such as \"SELECT 1\".");
    }
    return result;
  }
}
