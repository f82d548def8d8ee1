package io.hannahanna.hn.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies what can still be read of one table from a damaged database (attached as `old`) into the
 * new one. A table that cannot be read whole is read by halves of its rowid range, down to single
 * rows, so one damaged page loses only the rows on it. Each INSERT is atomic: a range that fails
 * copies nothing and is split.
 */
final class RowSalvage {
  private RowSalvage() {}

  /** Copies the table and says what was kept and what was lost, in one line. */
  static String copy(Connection c, String table) {
    String columns;
    try {
      columns = String.join(", ", sharedColumns(c, table));
    } catch (SQLException e) {
      return table + ": could not be read (" + e.getMessage() + "); 0 rows kept";
    }
    if (columns.isEmpty()) {
      return table + ": not in the damaged file; nothing to keep";
    }
    String insert =
        "INSERT OR IGNORE INTO main."
            + table
            + " ("
            + columns
            + ") SELECT "
            + columns
            + " FROM old."
            + table;
    try (Statement s = c.createStatement()) {
      return table + ": " + s.executeUpdate(insert) + " row(s) kept, none lost";
    } catch (SQLException whole) {
      long[] bounds = bounds(c, table);
      List<long[]> lost = new ArrayList<>();
      long kept = copyRange(c, insert + " WHERE rowid BETWEEN ? AND ?", bounds[0], bounds[1], lost);
      long lostRows = lost.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
      return table
          + ": "
          + kept
          + " row(s) kept; rows with rowid "
          + String.join(
              ", ", lost.stream().map(r -> r[0] == r[1] ? "" + r[0] : r[0] + "-" + r[1]).toList())
          + " could not be read (at most "
          + lostRows
          + " row(s) lost)";
    }
  }

  private static long copyRange(Connection c, String sql, long low, long high, List<long[]> lost) {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, low);
      s.setLong(2, high);
      return s.executeUpdate();
    } catch (SQLException e) {
      if (low == high) {
        if (!lost.isEmpty() && lost.get(lost.size() - 1)[1] == low - 1) {
          lost.get(lost.size() - 1)[1] = low;
        } else {
          lost.add(new long[] {low, high});
        }
        return 0;
      }
      long middle = low + (high - low) / 2;
      return copyRange(c, sql, low, middle, lost) + copyRange(c, sql, middle + 1, high, lost);
    }
  }

  /** The lowest and highest rowid, where SQLite can still find them; else all possible ones. */
  private static long[] bounds(Connection c, String table) {
    long low = Long.MIN_VALUE + 1;
    long high = Long.MAX_VALUE;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(rowid) FROM old." + table)) {
      low = rs.getLong(1);
    } catch (SQLException e) {
      // the first page is unreadable: search from the lowest rowid possible
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(rowid) FROM old." + table)) {
      high = rs.getLong(1);
    } catch (SQLException e) {
      // the last page is unreadable: search up to the highest rowid possible
    }
    return new long[] {low, high};
  }

  /** The columns both the new table and the damaged file's have, in the new table's order. */
  private static List<String> sharedColumns(Connection c, String table) throws SQLException {
    List<String> old = columns(c, "old", table);
    return columns(c, "main", table).stream().filter(old::contains).toList();
  }

  private static List<String> columns(Connection c, String schema, String table)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + schema + ".table_info(" + table + ")")) {
      while (rs.next()) {
        names.add(rs.getString("name"));
      }
    }
    return names;
  }
}
