package io.hannahanna.hn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hannahanna.hn.HnException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AliasesTest {
  static final Set<String> BUILT_IN = Set.of("switch", "docker", "list");

  static Optional<List<String>> expand(Map<String, String> aliases, String... args) {
    return Aliases.expand(args, aliases, BUILT_IN).map(List::of);
  }

  @Test
  void anAliasExpandsWhereTheCommandIsWithTheRestAppended() {
    assertEquals(
        Optional.of(List.of("-C", "/x", "docker", "start", "--wait", "feat")),
        expand(Map.of("up", "docker start --wait"), "-C", "/x", "up", "feat"));
    assertEquals(
        Optional.of(List.of("--no-color", "switch", "feat")),
        expand(Map.of("sw", "s2", "s2", "switch"), "--no-color", "sw", "feat"));
  }

  @Test
  void builtInCommandsAreNeverShadowedAndUnknownWordsStayUnknown() {
    assertEquals(Optional.empty(), expand(Map.of("list", "docker ps"), "list"));
    assertEquals(Optional.empty(), expand(Map.of("up", "docker start"), "down"));
    assertEquals(Optional.empty(), expand(Map.of("up", "docker start"), "--help"));
  }

  @Test
  void aCycleIsReportedWithItsPath() {
    HnException e =
        assertThrows(HnException.class, () -> expand(Map.of("a", "b x", "b", "a"), "a"));
    assertTrue(e.getMessage().contains("a -> b -> a"), e.getMessage());
    assertTrue(e.getMessage().contains("aliases"), e.getMessage());
  }
}
