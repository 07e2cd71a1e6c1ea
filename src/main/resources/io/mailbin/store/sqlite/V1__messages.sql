-- Raw bytes are kept once per accepted SMTP transaction and shared by every inbox copy of it.
CREATE TABLE raw (
    id   INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    refs INTEGER NOT NULL,
    data BLOB    NOT NULL
);

CREATE TABLE messages (
    seq            INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    inbox          TEXT    NOT NULL,
    original_inbox TEXT    NOT NULL,
    domain         TEXT    NOT NULL,
    received       INTEGER NOT NULL,   -- epoch ms, strictly increasing per domain
    size           INTEGER NOT NULL,
    raw_id         INTEGER NOT NULL,
    subject        TEXT    NOT NULL,
    summary        TEXT    NOT NULL,   -- JSON of MessageSummary
    spam           REAL,
    folder         TEXT    NOT NULL DEFAULT 'inbox',
    labels         TEXT    NOT NULL DEFAULT '[]',
    read           INTEGER NOT NULL DEFAULT 0,
    saved_by       TEXT
);

CREATE INDEX messages_by_inbox    ON messages (inbox, received);
CREATE INDEX messages_by_original ON messages (original_inbox, received);
CREATE INDEX messages_by_domain   ON messages (domain, received);
CREATE INDEX messages_by_received ON messages (received);

-- Every way of deleting a message releases its raw bytes when no other copy uses them.
CREATE TRIGGER message_deleted AFTER DELETE ON messages BEGIN
    UPDATE raw SET refs = refs - 1 WHERE id = OLD.raw_id;
    DELETE FROM raw WHERE id = OLD.raw_id AND refs <= 0;
END;

-- Total raw bytes, kept by triggers so the store-size cap never needs a full scan.
CREATE TABLE store_stats (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    raw_bytes INTEGER NOT NULL
);
INSERT INTO store_stats (id, raw_bytes) VALUES (1, 0);
CREATE TRIGGER raw_added AFTER INSERT ON raw BEGIN
    UPDATE store_stats SET raw_bytes = raw_bytes + NEW.size WHERE id = 1;
END;
CREATE TRIGGER raw_removed AFTER DELETE ON raw BEGIN
    UPDATE store_stats SET raw_bytes = raw_bytes - OLD.size WHERE id = 1;
END;
