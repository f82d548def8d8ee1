-- Version 6: a worktree's name and its branch can differ (hn add <name> --branch <branch>), so the
-- branch hn created for it is recorded by name: an interrupted or failed add deletes that branch
-- (while it still points at created_branch_at). NULL: hn created none, or a row from before this
-- version, whose branch is named like the worktree.
ALTER TABLE worktrees ADD COLUMN created_branch TEXT;
