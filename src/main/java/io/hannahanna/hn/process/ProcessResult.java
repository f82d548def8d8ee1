package io.hannahanna.hn.process;

/** What a finished program left behind. */
public record ProcessResult(int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** The last non-blank line of stderr (or stdout), the part of a tool's error worth showing. */
  public String errorLine() {
    String text = stderr.isBlank() ? stdout : stderr;
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}
