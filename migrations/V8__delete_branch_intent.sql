-- Version 8: `hn remove --delete-branch` records the branch it deletes with its intent, so that a
-- removal the next hn finishes after a kill deletes it too (delete_branch_force: -D, not -d).
ALTER TABLE worktrees ADD COLUMN delete_branch TEXT;
ALTER TABLE worktrees ADD COLUMN delete_branch_force INTEGER NOT NULL DEFAULT 0;
