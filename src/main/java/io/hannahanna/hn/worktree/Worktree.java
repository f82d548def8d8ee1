package io.hannahanna.hn.worktree;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A worktree as hn shows it: git's view joined with hn's record.
 *
 * @param parent the worktree it was created from (or the main checkout's branch); null when hn did
 *     not create it
 * @param missing git still knows it but its folder is gone
 */
public record Worktree(
    String name,
    String branch,
    String commit,
    Path path,
    String parent,
    boolean main,
    boolean current,
    boolean missing,
    Instant createdAt) {}
