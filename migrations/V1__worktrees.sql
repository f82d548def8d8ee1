-- hn's state database, version 1: the repositories hn has seen and the worktrees it created.
-- Several repositories may share one database file (HN_REGISTRY), so every row names its repository.

CREATE TABLE repositories (
    id        INTEGER PRIMARY KEY,
    root_path TEXT NOT NULL UNIQUE,  -- canonical path of the main checkout
    name      TEXT NOT NULL          -- folder name of the main checkout
);

CREATE TABLE worktrees (
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,  -- hn's worktree name (also its folder and branch name)
    path          TEXT    NOT NULL,
    parent        TEXT    NOT NULL,  -- worktree it was created from, or the main checkout's branch
    created_at    TEXT    NOT NULL,  -- ISO-8601 UTC
    PRIMARY KEY (repository_id, name)
);
