package io.hannahanna.hn.worktree;

import java.nio.file.Path;

/**
 * A worktree row that an `hn add` or `hn remove` was working on.
 *
 * @param removing true for a removal, false for a creation
 * @param createdBranch the branch an `hn add` created (its name for rows before V6)
 * @param branchCreatedAt the commit hn created the branch at; null when it checked out an existing
 *     branch
 * @param deletion the branch an `hn remove --delete-branch` deletes; null: none
 */
public record UnfinishedWork(
    String name,
    Path path,
    String parent,
    boolean removing,
    ProcessIdentity owner,
    String createdBranch,
    String branchCreatedAt,
    WorktreeCleanup.BranchDeletion deletion) {}
