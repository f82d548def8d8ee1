package io.hannahanna.hn.worktree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hannahanna.hn.HnException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameMatcherTest {
  final List<String> names = List.of("main", "feat-login", "feat-logout", "Fix", "fix-2");

  @Test
  void exactBeatsCaseInsensitiveBeatsSubstring() {
    assertEquals("fix-2", NameMatcher.match("fix-2", names));
    assertEquals("Fix", NameMatcher.match("fix", names));
    assertEquals("feat-logout", NameMatcher.match("OUT", names));
  }

  @Test
  void ambiguousNamesListTheCandidates() {
    HnException e = assertThrows(HnException.class, () -> NameMatcher.match("feat", names));
    assertEquals(
        "'feat' matches several worktrees: feat-login, feat-logout; give more of the name.",
        e.getMessage());
  }

  @Test
  void aSubsequenceMatchesAfterSubstrings() {
    List<String> long_ = List.of("main", "feature-authentication", "fix-header");
    assertEquals("feature-authentication", NameMatcher.match("fauth", long_));
    assertEquals("feature-authentication", NameMatcher.match("FTRAUTH", long_));
    assertEquals("fix-header", NameMatcher.match("header", long_));
    HnException both = assertThrows(HnException.class, () -> NameMatcher.match("fer", long_));
    assertEquals(
        "'fer' matches several worktrees: feature-authentication, fix-header; give more of the"
            + " name.",
        both.getMessage());
  }

  @Test
  void unknownNamesSuggestTheNearest() {
    assertEquals(
        "No worktree named 'feat-lgoin'; did you mean feat-login, feat-logout?",
        assertThrows(HnException.class, () -> NameMatcher.match("feat-lgoin", names)).getMessage());
    assertEquals(
        "No worktree named 'zzzzzz'; 'hn list' shows the worktrees.",
        assertThrows(HnException.class, () -> NameMatcher.match("zzzzzz", names)).getMessage());
  }

  @Test
  void distanceIsLevenshtein() {
    assertEquals(3, NameMatcher.distance("kitten", "sitting"));
    assertEquals(0, NameMatcher.distance("", ""));
  }
}
