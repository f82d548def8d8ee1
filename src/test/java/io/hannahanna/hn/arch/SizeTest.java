package io.hannahanna.hn.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Small classes stay small: no source file of hn's over 300 lines, and no command whose call() is
 * longer than a screen (40 lines): a command parses and renders, services do the work.
 */
class SizeTest {
  static final int MAX_LINES = 300;
  static final int MAX_CALL_LINES = 40;

  @Test
  void noMainSourceFileIsOver300Lines() throws Exception {
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      tooLong =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> lines(f) > MAX_LINES)
              .map(f -> f + " (" + lines(f) + " lines)")
              .toList();
    }
    assertEquals(List.of(), tooLong, "split these by job");
  }

  @Test
  void noCommandCallIsOver40Lines() throws Exception {
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/hannahanna/hn/cli"))) {
      tooLong =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> longestCall(read(f)) > MAX_CALL_LINES)
              .map(f -> f + " (call() of " + longestCall(read(f)) + " lines)")
              .toList();
    }
    assertEquals(List.of(), tooLong, "move the work into a service");
  }

  @Test
  void theCallMeasureCountsFromSignatureToClosingBrace() {
    StringBuilder source = new StringBuilder("class X {\n  public Integer call() {\n");
    for (int i = 0; i < 39; i++) {
      source.append("    if (a) { b(); }\n");
    }
    source.append("  }\n}\n");
    assertEquals(41, longestCall(source.toString()));
    assertEquals(0, longestCall("class Y {}\n"));
  }

  /** Lines of the longest `public Integer call()` in the source, signature and braces included. */
  static int longestCall(String source) {
    String[] lines = source.split("\n");
    int longest = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("public Integer call()")) {
        int depth = 0;
        int j = i;
        for (; j < lines.length; j++) {
          depth += count(lines[j], '{') - count(lines[j], '}');
          if (depth == 0 && j > i) {
            break;
          }
        }
        longest = Math.max(longest, j - i + 1);
      }
    }
    return longest;
  }

  private static int count(String line, char c) {
    return (int) line.chars().filter(x -> x == c).count();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
