package io.hannahanna.hn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Plain text columns, padded to the widest cell; the last column is not padded. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final Map<Integer, UnaryOperator<String>> painters = new HashMap<>();

  Table row(String... cells) {
    rows.add(cells);
    return this;
  }

  /** Colours a column's cells after padding, so escape codes do not skew the widths. */
  Table paint(int column, UnaryOperator<String> painter) {
    painters.put(column, painter);
    return this;
  }

  void print(PrintWriter out) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], text(row[i]).length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = text(row[i]);
        String padding = i == row.length - 1 ? "" : " ".repeat(widths[i] - cell.length() + 2);
        line.append(painters.getOrDefault(i, UnaryOperator.identity()).apply(cell)).append(padding);
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  private static String text(String cell) {
    return cell == null ? "-" : cell;
  }
}
