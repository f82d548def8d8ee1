package io.hannahanna.hn.compose;

import io.hannahanna.hn.HnException;

/**
 * Compose cannot be used here at all: the branch has no compose file, or no compose command is
 * installed. `hn add` still creates the worktree and says how to finish later.
 */
public class ComposeUnavailable extends HnException {
  private static final long serialVersionUID = 1L;

  public ComposeUnavailable(String message) {
    super(message);
  }
}
