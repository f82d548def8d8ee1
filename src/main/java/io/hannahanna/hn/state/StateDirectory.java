package io.hannahanna.hn.state;

import io.hannahanna.hn.HnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** `.hn-state/` at the main checkout's root, with its own `.gitignore` so git never sees it. */
public final class StateDirectory {
  private StateDirectory() {}

  public static Path ensure(Path stateDir) {
    if (Files.isSymbolicLink(stateDir)) {
      // a repository can commit `.hn-state -> ~/somewhere`: hn would write its files there
      throw new HnException(
          stateDir
              + " is a symbolic link; hn keeps its state in a folder of the repository itself."
              + " Remove the link (git rm, if the repository commits it) and try again.");
    }
    try {
      Files.createDirectories(stateDir);
      Path ignore = stateDir.resolve(".gitignore");
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, "*\n");
      }
      return stateDir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + stateDir, e);
    }
  }
}
