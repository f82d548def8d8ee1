package io.hannahanna.hn.worktree;

import java.nio.file.Path;

/**
 * A worktree row that an `hn add` or `hn remove` was working on.
 *
 * @param removing true for a removal, false for a creation
 * @param branchCreatedAt the commit hn created the branch at; null when it checked out an existing
 *     branch
 */
public record UnfinishedWork(
    String name,
    Path path,
    String parent,
    boolean removing,
    ProcessIdentity owner,
    String branchCreatedAt) {}
