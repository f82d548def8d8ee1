-- Version 5: subnets. A compose network that fixes its subnet (ipam config) collides with itself
-- in a second worktree ("Pool overlaps"), so each worktree gets its own subnet of the same size,
-- handed out like host ports. Allocation runs in the write transaction that allocates the ports,
-- and refuses any subnet that overlaps one already held; UNIQUE (subnet) backs that up.

CREATE TABLE network_allocations (
    id            INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    worktree      TEXT    NOT NULL,
    network       TEXT    NOT NULL,  -- the network's key in the compose file
    base_subnet   TEXT    NOT NULL,  -- the subnet the compose file fixes, CIDR
    subnet        TEXT    NOT NULL UNIQUE,  -- the worktree's own, same size, CIDR
    allocated_at  TEXT    NOT NULL,  -- ISO-8601 UTC
    UNIQUE (repository_id, worktree, network, base_subnet)
);

CREATE VIEW network_allocations_v AS
SELECT r.root_path     AS repository,
       r.name          AS repository_name,
       n.worktree      AS worktree,
       n.network       AS network,
       n.base_subnet   AS base_subnet,
       n.subnet        AS subnet,
       n.allocated_at  AS allocated_at
FROM network_allocations n
JOIN repositories r ON r.id = n.repository_id;
