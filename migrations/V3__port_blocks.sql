-- Version 3: how many ports of each block of 64 host ports are held, kept up to date by triggers.
-- Finding the lowest free port then skips full blocks instead of walking every allocation, so
-- allocation stays fast with thousands of rows. Derived data: never written by hn directly.

CREATE TABLE port_blocks (
    protocol TEXT    NOT NULL,
    block    INTEGER NOT NULL,  -- host_port / 64
    used     INTEGER NOT NULL,  -- allocations in this block, 0..64
    PRIMARY KEY (protocol, block)
) WITHOUT ROWID;

INSERT INTO port_blocks (protocol, block, used)
SELECT protocol, host_port / 64, count(*) FROM port_allocations GROUP BY protocol, host_port / 64;

CREATE TRIGGER port_blocks_after_insert AFTER INSERT ON port_allocations
BEGIN
    INSERT INTO port_blocks (protocol, block, used) VALUES (NEW.protocol, NEW.host_port / 64, 1)
    ON CONFLICT (protocol, block) DO UPDATE SET used = used + 1;
END;

CREATE TRIGGER port_blocks_after_delete AFTER DELETE ON port_allocations
BEGIN
    UPDATE port_blocks SET used = used - 1 WHERE protocol = OLD.protocol AND block = OLD.host_port / 64;
END;

CREATE TRIGGER port_blocks_after_update AFTER UPDATE OF protocol, host_port ON port_allocations
BEGIN
    UPDATE port_blocks SET used = used - 1 WHERE protocol = OLD.protocol AND block = OLD.host_port / 64;
    INSERT INTO port_blocks (protocol, block, used) VALUES (NEW.protocol, NEW.host_port / 64, 1)
    ON CONFLICT (protocol, block) DO UPDATE SET used = used + 1;
END;
