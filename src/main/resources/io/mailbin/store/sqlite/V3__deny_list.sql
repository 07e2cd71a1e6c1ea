-- Senders refused with 554 5.7.1: IPs, CIDR blocks and domains (canonical form), with the reason they are told.
CREATE TABLE deny_list (
    entry  TEXT    PRIMARY KEY,
    reason TEXT    NOT NULL,
    added  INTEGER NOT NULL     -- epoch ms
);

-- Bumped by every change, so a running server notices edits made by another process (the CLI).
CREATE TABLE deny_list_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO deny_list_version (id, version) VALUES (1, 0);
CREATE TRIGGER deny_list_added AFTER INSERT ON deny_list BEGIN
    UPDATE deny_list_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deny_list_changed AFTER UPDATE ON deny_list BEGIN
    UPDATE deny_list_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deny_list_removed AFTER DELETE ON deny_list BEGIN
    UPDATE deny_list_version SET version = version + 1 WHERE id = 1;
END;
