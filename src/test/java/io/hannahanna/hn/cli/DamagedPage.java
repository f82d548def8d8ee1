package io.hannahanna.hn.cli;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.sqlite.SQLiteDataSource;

/**
 * Damages one leaf page of a table in an SQLite file, as a bad disk sector would: the rest of the
 * file stays readable. Finds the page by walking the table's b-tree from its root.
 */
final class DamagedPage {
  private DamagedPage() {}

  static void damageALeafOf(Path db, String table) throws Exception {
    int root;
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl("jdbc:sqlite:" + db);
    try (Connection c = source.getConnection()) {
      c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
      try (ResultSet rs =
          c.createStatement()
              .executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + table + "'")) {
        root = rs.getInt(1);
      }
    }
    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      file.seek(16);
      int pageSize = file.readUnsignedShort();
      pageSize = pageSize == 1 ? 65536 : pageSize;
      int page = root;
      while (true) {
        long start = (long) (page - 1) * pageSize + (page == 1 ? 100 : 0);
        file.seek(start);
        int type = file.readUnsignedByte();
        if (type == 0x0D) { // a table leaf: damage it
          file.seek((long) (page - 1) * pageSize);
          byte[] garbage = new byte[pageSize];
          java.util.Arrays.fill(garbage, (byte) 0xA5);
          file.write(garbage);
          return;
        }
        if (type != 0x05) {
          throw new IllegalStateException("page " + page + " is not part of a table b-tree");
        }
        file.seek(start + 3);
        int cells = file.readUnsignedShort();
        file.seek(start + 12 + 2L * (cells / 2)); // the middle cell's pointer
        int cellOffset = file.readUnsignedShort();
        file.seek((long) (page - 1) * pageSize + cellOffset);
        page = file.readInt(); // its left child
      }
    }
  }
}
