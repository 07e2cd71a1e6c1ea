-- Forwarding that must happen for a message (webhook, Slack, email forward), written in the same
-- transaction as the message, so a crash after the SMTP 250 never loses a delivery. A row is pending
-- until delivered or given up; a worker leases due rows by pushing next_attempt past the lease.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    message_id    TEXT    NOT NULL,
    source        TEXT    NOT NULL,   -- the address whose settings asked for it (e.g. *@domain)
    owner         TEXT,               -- the account that owns that address
    kind          TEXT    NOT NULL,   -- webhook | slack | forward
    target        TEXT    NOT NULL,   -- a URL or an email address
    slack_to_from INTEGER NOT NULL DEFAULT 0,
    created       INTEGER NOT NULL,
    state         TEXT    NOT NULL,   -- pending | delivered | failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  INTEGER NOT NULL,
    last_status   INTEGER,
    last_error    TEXT,
    updated       INTEGER NOT NULL
);
CREATE INDEX outbox_due       ON outbox (state, next_attempt);
CREATE INDEX outbox_by_source ON outbox (source, created);

-- Every attempt, for users to see why a hook failed.
CREATE TABLE delivery_attempts (
    id          INTEGER PRIMARY KEY,
    outbox_id   INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    status      INTEGER,           -- HTTP status (or SMTP reply code), null when no answer came
    error       TEXT,
    duration_ms INTEGER NOT NULL,
    next_retry  INTEGER            -- when the next attempt is due, null when none will be made
);
CREATE INDEX attempts_by_outbox ON delivery_attempts (outbox_id, at);
