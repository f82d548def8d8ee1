-- Version 2: the port registry. One row per host port that hn handed out.
-- A host port (per protocol) is held by at most one allocation in the whole file, across
-- repositories: the UNIQUE constraint enforces it, so concurrent hn processes cannot collide.

CREATE TABLE port_allocations (
    id             INTEGER PRIMARY KEY,
    repository_id  INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    worktree       TEXT    NOT NULL,
    service        TEXT    NOT NULL,
    container_port INTEGER NOT NULL CHECK (container_port BETWEEN 0 AND 65535), -- 0: not known (legacy import, scripts)
    protocol       TEXT    NOT NULL CHECK (protocol IN ('tcp', 'udp')),
    host_port      INTEGER NOT NULL CHECK (host_port BETWEEN 1 AND 65535),
    allocated_at   TEXT    NOT NULL,  -- ISO-8601 UTC
    UNIQUE (protocol, host_port),
    UNIQUE (repository_id, worktree, service, container_port, protocol)
);

-- Stable, read-only view for people and scripts (hn registry sql, sqlite3).
CREATE VIEW port_allocations_v AS
SELECT r.root_path      AS repository,
       r.name           AS repository_name,
       a.worktree       AS worktree,
       a.service        AS service,
       a.container_port AS container_port,
       a.host_port      AS host_port,
       a.protocol       AS protocol,
       a.allocated_at   AS allocated_at
FROM port_allocations a
JOIN repositories r ON r.id = a.repository_id;

CREATE VIEW worktrees_v AS
SELECT r.root_path AS repository,
       r.name      AS repository_name,
       w.name      AS worktree,
       w.path      AS path,
       w.parent    AS parent,
       w.created_at AS created_at
FROM worktrees w
JOIN repositories r ON r.id = w.repository_id;
