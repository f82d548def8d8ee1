package io.hannahanna.hn.cli;

import io.hannahanna.hn.worktree.BranchMerges.MergeStyle;
import picocli.CommandLine.Option;

/** --squash or --no-ff (an exclusive picocli group: both at once is a usage error). */
class MergeStyleOptions {
  @Option(names = "--squash", description = "One new commit instead of a merge.")
  boolean squash;

  @Option(
      names = "--no-ff",
      description = "Always a merge commit, even when a fast-forward would do.")
  boolean noFf;

  static MergeStyle of(MergeStyleOptions options) {
    if (options == null) {
      return MergeStyle.DEFAULT;
    }
    return options.squash
        ? MergeStyle.SQUASH
        : options.noFf ? MergeStyle.NO_FF : MergeStyle.DEFAULT;
  }
}
