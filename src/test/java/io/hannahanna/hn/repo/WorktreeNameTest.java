package io.hannahanna.hn.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hannahanna.hn.HnException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorktreeNameTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "feat-x", "Feat_2", "0day"})
  void acceptsNamesSafeAsFolderBranchAndProject(String name) {
    assertEquals(name, WorktreeName.validate(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-x",
        "_x",
        "a/b",
        "a b",
        "a;b",
        "a.lock",
        "..",
        "x$(id)",
        "é",
        "a\nb",
        "HEAD",
        "FETCH_HEAD",
        "ORIG_HEAD",
        "MERGE_HEAD",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void refusesEverythingElse(String name) {
    assertThrows(HnException.class, () -> WorktreeName.validate(name));
  }
}
