-- Version 4: `hn add` and `hn remove` record what they are doing before their first side effect,
-- so that whatever a killed hn left half-done is finished or rolled back by the next hn.
ALTER TABLE worktrees ADD COLUMN state TEXT NOT NULL DEFAULT 'ready'
    CHECK (state IN ('ready', 'creating', 'removing'));
-- The hn process doing it, and when that process started (a pid alone can be reused).
ALTER TABLE worktrees ADD COLUMN owner_pid INTEGER;
ALTER TABLE worktrees ADD COLUMN owner_started TEXT;
-- The commit hn created the worktree's branch at (NULL: hn checked out an existing branch).
-- A rolled-back worktree's branch is deleted only while it still points there.
ALTER TABLE worktrees ADD COLUMN created_branch_at TEXT;
