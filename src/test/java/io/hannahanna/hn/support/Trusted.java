package io.hannahanna.hn.support;

import io.hannahanna.hn.Diagnostics;
import io.hannahanna.hn.Terminal;
import io.hannahanna.hn.config.ConfigLoader;
import io.hannahanna.hn.config.TrustStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Trusts a test repository's `.hannahanna.yml` as `hn trust` would, for tests set up without hn.
 */
public final class Trusted {
  private Trusted() {}

  public static void config(Path repoRoot) {
    // a loader that remembers nothing, so the test's own hn still shows its notes
    String digest =
        new ConfigLoader(new Diagnostics(new Terminal()), Path.of("/nonexistent/hn/config.yml"))
            .read(repoRoot)
            .digest();
    new TrustStore(Optional.ofNullable(System.getenv("XDG_STATE_HOME")))
        .trust(repoRoot.resolve(ConfigLoader.FILE_NAME), digest);
  }
}
