package io.hannahanna.hn.support;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The line HN_PROFILE makes hn print on exit (see StartupProfile), read back from its stderr. */
public record ProfileLine(long main, long call, long exit, int classes) {
  private static final Pattern LINE =
      Pattern.compile("hn-profile: main=(\\d+) call=(\\d+) exit=(\\d+) classes=(\\d+)\n");

  /** The profile line, if the stderr holds one. */
  public static Optional<ProfileLine> find(String stderr) {
    Matcher line = LINE.matcher(stderr);
    return line.find() ? Optional.of(of(line)) : Optional.empty();
  }

  /** The profile line, if the stderr is that line and nothing else. */
  public static Optional<ProfileLine> whole(String stderr) {
    Matcher line = LINE.matcher(stderr);
    return line.matches() ? Optional.of(of(line)) : Optional.empty();
  }

  private static ProfileLine of(Matcher line) {
    return new ProfileLine(
        Long.parseLong(line.group(1)),
        Long.parseLong(line.group(2)),
        Long.parseLong(line.group(3)),
        Integer.parseInt(line.group(4)));
  }
}
