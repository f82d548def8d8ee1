-- Version 9: a port space per engine host. A host port is held at most once on each host that
-- publishes stacks' ports: '' is this machine (every local engine), else a remote engine's host
-- name or address. UNIQUE (protocol, host_port) becomes UNIQUE (engine_host, protocol, host_port);
-- the table is rebuilt (SQLite cannot change a constraint), its rows kept as this machine's.

CREATE TABLE port_allocations_v9 (
    id             INTEGER PRIMARY KEY,
    repository_id  INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    worktree       TEXT    NOT NULL,
    service        TEXT    NOT NULL,
    container_port INTEGER NOT NULL CHECK (container_port BETWEEN 0 AND 65535),
    protocol       TEXT    NOT NULL CHECK (protocol IN ('tcp', 'udp')),
    host_port      INTEGER NOT NULL CHECK (host_port BETWEEN 1 AND 65535),
    allocated_at   TEXT    NOT NULL,
    engine_host    TEXT    NOT NULL DEFAULT '',  -- '' this machine, else the remote engine's host
    UNIQUE (engine_host, protocol, host_port),
    UNIQUE (repository_id, worktree, service, container_port, protocol)
);

INSERT INTO port_allocations_v9
    (id, repository_id, worktree, service, container_port, protocol, host_port, allocated_at)
SELECT id, repository_id, worktree, service, container_port, protocol, host_port, allocated_at
FROM port_allocations;

DROP VIEW port_allocations_v;
DROP TABLE port_allocations;  -- its triggers go with it
ALTER TABLE port_allocations_v9 RENAME TO port_allocations;

CREATE VIEW port_allocations_v AS
SELECT r.root_path      AS repository,
       r.name           AS repository_name,
       a.worktree       AS worktree,
       a.service        AS service,
       a.container_port AS container_port,
       a.host_port      AS host_port,
       a.protocol       AS protocol,
       a.allocated_at   AS allocated_at,
       a.engine_host    AS engine_host
FROM port_allocations a
JOIN repositories r ON r.id = a.repository_id;

-- port_blocks counts per engine host too (derived data: rebuilt from the rows)
DROP TABLE port_blocks;
CREATE TABLE port_blocks (
    engine_host TEXT    NOT NULL,
    protocol    TEXT    NOT NULL,
    block       INTEGER NOT NULL,  -- host_port / 64
    used        INTEGER NOT NULL,  -- allocations in this block, 0..64
    PRIMARY KEY (engine_host, protocol, block)
) WITHOUT ROWID;

INSERT INTO port_blocks (engine_host, protocol, block, used)
SELECT engine_host, protocol, host_port / 64, count(*) FROM port_allocations
GROUP BY engine_host, protocol, host_port / 64;

CREATE TRIGGER port_blocks_after_insert AFTER INSERT ON port_allocations
BEGIN
    INSERT INTO port_blocks (engine_host, protocol, block, used)
    VALUES (NEW.engine_host, NEW.protocol, NEW.host_port / 64, 1)
    ON CONFLICT (engine_host, protocol, block) DO UPDATE SET used = used + 1;
END;

CREATE TRIGGER port_blocks_after_delete AFTER DELETE ON port_allocations
BEGIN
    UPDATE port_blocks SET used = used - 1
    WHERE engine_host = OLD.engine_host AND protocol = OLD.protocol AND block = OLD.host_port / 64;
END;

CREATE TRIGGER port_blocks_after_update AFTER UPDATE OF engine_host, protocol, host_port
ON port_allocations
BEGIN
    UPDATE port_blocks SET used = used - 1
    WHERE engine_host = OLD.engine_host AND protocol = OLD.protocol AND block = OLD.host_port / 64;
    INSERT INTO port_blocks (engine_host, protocol, block, used)
    VALUES (NEW.engine_host, NEW.protocol, NEW.host_port / 64, 1)
    ON CONFLICT (engine_host, protocol, block) DO UPDATE SET used = used + 1;
END;
