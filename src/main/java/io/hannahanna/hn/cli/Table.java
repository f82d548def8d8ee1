package io.hannahanna.hn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain text columns, padded to the widest cell; the last column is not padded. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table row(String... cells) {
    rows.add(cells);
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
        line.append(i == row.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  private static String text(String cell) {
    return cell == null ? "-" : cell;
  }
}
