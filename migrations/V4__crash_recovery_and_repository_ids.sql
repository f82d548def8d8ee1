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

-- A repository's id, kept in its git directory (.git/hn-repository-id), so its rows follow the
-- folder when it is moved or renamed. NULL for rows written before this version until first use.
ALTER TABLE repositories ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX repositories_uid ON repositories (uid) WHERE uid IS NOT NULL;
