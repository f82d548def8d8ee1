-- Version 7: tags on worktrees (hn tag, hn untag, hn list --tag, hn each --tag). A tag belongs to
-- the worktree's row, so removing the worktree (or forgetting its repository) drops its tags.

CREATE TABLE worktree_tags (
    repository_id INTEGER NOT NULL,
    worktree      TEXT    NOT NULL,
    tag           TEXT    NOT NULL,  -- letters, digits, '.', '_', '-'; checked by hn
    PRIMARY KEY (repository_id, worktree, tag),
    FOREIGN KEY (repository_id, worktree) REFERENCES worktrees (repository_id, name)
        ON DELETE CASCADE
);

CREATE VIEW worktree_tags_v AS
SELECT r.root_path AS repository,
       r.name      AS repository_name,
       t.worktree  AS worktree,
       t.tag       AS tag
FROM worktree_tags t
JOIN repositories r ON r.id = t.repository_id;
