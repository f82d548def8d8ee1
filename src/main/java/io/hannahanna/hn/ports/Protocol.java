package io.hannahanna.hn.ports;

import io.hannahanna.hn.HnException;
import java.util.Locale;

/** The transport protocol of a published port. */
public enum Protocol {
  TCP,
  UDP;

  public static Protocol parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new HnException("Unknown protocol '" + text + "': use tcp or udp.");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
