package io.hannahanna.hn.state;

import io.hannahanna.hn.cli.ExitCode;

/** A deliberately wrong import for LayersTest: state must not use cli. */
final class InvertedImportFixture {
  ExitCode upward;
}
