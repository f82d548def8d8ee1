package io.hannahanna.hn.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Writes whole lines to a shared writer, each starting with a prefix, so that the output of
 * commands running side by side never mixes within a line.
 */
final class LinePrefixer extends Writer {
  private final PrintWriter target;
  private final String prefix;
  private final StringBuilder line = new StringBuilder();

  LinePrefixer(PrintWriter target, String prefix) {
    this.target = target;
    this.prefix = prefix;
  }

  static PrintWriter of(PrintWriter target, String prefix) {
    return new PrintWriter(new LinePrefixer(target, prefix), true);
  }

  @Override
  public void write(char[] chars, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (chars[i] == '\n') {
        emit();
      } else {
        line.append(chars[i]);
      }
    }
  }

  private void emit() {
    synchronized (target) {
      target.println(prefix + line);
      target.flush();
    }
    line.setLength(0);
  }

  @Override
  public void flush() {
    // lines go out whole; a last line without a newline goes out on close
  }

  @Override
  public void close() {
    if (line.length() > 0) {
      emit();
    }
  }
}
