package io.hannahanna.hn.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyNamesTest {
  @Test
  void anyNameBecomesOneDnsLabel() {
    assertEquals("feat-x", ProxyNames.label("Feat_X"));
    assertEquals("web-evil", ProxyNames.label("web.evil"));
    assertEquals("a-handler-x-b", ProxyNames.label("a\"}, {\"handler\": x.b"));
    assertEquals("x", ProxyNames.label("..."));
    String longName = "a".repeat(100);
    String cut = ProxyNames.label(longName);
    assertEquals(63, cut.length());
    assertTrue(cut.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"), cut);
    assertNotEquals(cut, ProxyNames.label("a".repeat(99)), "two long names stay apart");
  }

  @Test
  void collisionsAreResolvedTheSameWayWhateverTheOrder() {
    Map<String, String> one = ProxyNames.unique(List.of("Feat_X", "feat-x", "web"));
    Map<String, String> two = ProxyNames.unique(List.of("web", "feat-x", "Feat_X"));
    assertEquals(one, two);
    assertEquals("web", one.get("web"));
    assertEquals("feat-x", one.get("Feat_X"), "the first in sorted order keeps the plain label");
    assertTrue(one.get("feat-x").matches("feat-x-[0-9a-f]{6}"), one.get("feat-x"));
  }
}
