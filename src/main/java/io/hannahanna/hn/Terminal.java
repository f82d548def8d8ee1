package io.hannahanna.hn;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether stdout and stderr are terminals, and so whether hn colours its output (not with NO_COLOR
 * or --no-color) and shows progress during long waits (stderr only).
 */
@RequestScoped
public class Terminal {
  private static final String RESET = "\u001b[0m";

  private final boolean stdout;
  private final boolean stderr;
  private final String noColorEnv;
  private boolean noColorFlag;

  /** The terminals of this process. */
  @Inject
  public Terminal() {
    this(isTerminal(1), isTerminal(2), noColour(System.getenv("NO_COLOR"), System.getenv("TERM")));
  }

  /** NO_COLOR as hn reads it: a dumb terminal (TERM=dumb) shows no escape codes either. */
  static String noColour(String noColorEnv, String term) {
    return "dumb".equals(term) ? "TERM=dumb" : noColorEnv;
  }

  public Terminal(boolean stdout, boolean stderr, String noColorEnv) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.noColorEnv = noColorEnv;
  }

  /** https://no-color.org: a NO_COLOR that is set and not empty turns colours off. */
  static boolean colours(boolean terminal, String noColorEnv, boolean noColorFlag) {
    return terminal && (noColorEnv == null || noColorEnv.isEmpty()) && !noColorFlag;
  }

  public void disableColours() {
    noColorFlag = true;
  }

  public boolean stdout() {
    return stdout;
  }

  public boolean stderr() {
    return stderr;
  }

  /** A verdict word on stdout, coloured: ok/healthy green, warn/waiting yellow, fail/failed red. */
  public String verdict(String word) {
    String code =
        switch (word.toLowerCase(Locale.ROOT)) {
          case "ok", "healthy" -> "32";
          case "warn", "waiting" -> "33";
          case "fail", "failed" -> "31";
          default -> null;
        };
    return code == null || !colours(stdout, noColorEnv, noColorFlag)
        ? word
        : "\u001b[" + code + "m" + word + RESET;
  }

  /** "hn:" in front of an error on stderr, in bold red on a terminal. */
  public String errorPrefix() {
    return colours(stderr, noColorEnv, noColorFlag) ? "\u001b[1;31mhn:" + RESET : "hn:";
  }

  /** Linux names a descriptor's terminal in /proc; elsewhere, a console means terminals. */
  private static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }
}
