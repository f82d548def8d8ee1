package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which mounts of a resolved project name this machine's folders (RemoteEngineTest: for real). */
class RemoteBindMountsTest {
  private static final Path CHECKOUT = Path.of("/src/shop-worktrees/a");

  private static Optional<RemoteBindMounts.Mount> first(Object... volumes) {
    return RemoteBindMounts.first(
        Map.of("services", Map.of("web", Map.of("volumes", List.of(volumes)))), CHECKOUT);
  }

  @Test
  void bindMountsInEitherSyntaxAreFoundAndShownAsWritten() {
    assertEquals(
        Optional.of(new RemoteBindMounts.Mount("web", "./src")),
        first(Map.of("type", "bind", "source", "/src/shop-worktrees/a/src", "target", "/app")));
    assertEquals(
        Optional.of(new RemoteBindMounts.Mount("web", "/etc/app")), first("/etc/app:/app:ro"));
  }

  @Test
  void namedVolumesTmpfsAndTheEnginesOwnSocketAreLeftAlone() {
    assertEquals(
        Optional.empty(),
        first(
            "data:/data",
            Map.of("type", "volume", "source", "data", "target", "/d"),
            Map.of("type", "tmpfs", "target", "/t"),
            "/var/run/docker.sock:/var/run/docker.sock"));
  }

  @Test
  void aHostileSourceCannotWriteControlCharactersIntoTheMessage() {
    assertEquals(
        "/tmp/x??[2J?]0;owned?",
        first(Map.of("type", "bind", "source", "/tmp/x\n\u001b[2J\u001b]0;owned\u0007"))
            .orElseThrow()
            .source());
  }
}
