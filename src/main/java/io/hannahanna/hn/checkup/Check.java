package io.hannahanna.hn.checkup;

import java.util.Locale;

/** One finding of `hn doctor`: what was checked, how it stands, and what to do about it. */
public record Check(String name, Status status, String detail, String fix) {
  /** How a check stands; FAIL makes `hn doctor` exit 1. */
  public enum Status {
    OK,
    WARN,
    FAIL;

    /** The word the report and its JSON use. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
