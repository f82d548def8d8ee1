package io.hannahanna.hn.worktree;

import java.nio.file.Path;
import java.time.Instant;

/** What hn stores about a worktree beyond what git knows. */
public record WorktreeRecord(String name, Path path, String parent, Instant createdAt) {}
