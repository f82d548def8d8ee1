package io.hannahanna.hn.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The user's own folders as every other CLI finds them: `$XDG_STATE_HOME` and `$XDG_CONFIG_HOME`
 * where set (absolute), else under `$HOME` (not the passwd entry: `HOME=/tmp/x hn trust` writes
 * under /tmp/x).
 */
public final class UserDirs {
  private UserDirs() {}

  public static Path home() {
    String home = System.getenv("HOME");
    return Path.of(home != null && home.startsWith("/") ? home : System.getProperty("user.home"));
  }

  /** `$XDG_STATE_HOME`, else ~/.local/state. */
  public static Path state(Optional<String> xdgStateHome) {
    return xdgStateHome
        .filter(h -> h.startsWith("/"))
        .map(Path::of)
        .orElseGet(() -> home().resolve(".local/state"));
  }

  /** `$XDG_CONFIG_HOME`, else ~/.config. */
  public static Path config(Optional<String> xdgConfigHome) {
    return xdgConfigHome
        .filter(h -> h.startsWith("/"))
        .map(Path::of)
        .orElseGet(() -> home().resolve(".config"));
  }
}
