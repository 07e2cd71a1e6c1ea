-- Accounts own private addresses and custom domains; API keys are stored as SHA-256 hashes only.
CREATE TABLE accounts (
    id            TEXT    PRIMARY KEY,
    created       INTEGER NOT NULL,
    operator      INTEGER NOT NULL DEFAULT 0,
    message_limit INTEGER NOT NULL
);

CREATE TABLE api_keys (
    hash    TEXT    PRIMARY KEY,
    account TEXT    NOT NULL REFERENCES accounts (id),
    created INTEGER NOT NULL
);
CREATE INDEX api_keys_by_account ON api_keys (account);

-- Reserved (private) addresses; '*@domain' is a domain's catch-all.
CREATE TABLE addresses (
    address                TEXT    PRIMARY KEY,
    owner                  TEXT    NOT NULL REFERENCES accounts (id),
    info                   TEXT,
    forward                TEXT,
    enablews               INTEGER NOT NULL DEFAULT 0,
    webhook                TEXT,
    webhook_slack          TEXT,
    webhook_slack_to_from  INTEGER NOT NULL DEFAULT 0,
    encrypted_inbox        TEXT    NOT NULL UNIQUE,
    created                INTEGER NOT NULL,
    updated                INTEGER NOT NULL
);
CREATE INDEX addresses_by_owner ON addresses (owner);

CREATE TABLE domains (
    domain     TEXT    PRIMARY KEY,
    owner      TEXT    NOT NULL REFERENCES accounts (id),
    enablews   INTEGER NOT NULL DEFAULT 0,
    is_private INTEGER NOT NULL DEFAULT 1,
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL
);
CREATE INDEX domains_by_owner ON domains (owner);

-- Bumped on every change to addresses or domains, so every process (the server, the CLI) notices
-- routing changes made by another and reloads its in-memory directory.
CREATE TABLE directory_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);
CREATE TRIGGER address_added   AFTER INSERT ON addresses BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER address_changed AFTER UPDATE ON addresses BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER address_removed AFTER DELETE ON addresses BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER domain_added    AFTER INSERT ON domains   BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER domain_changed  AFTER UPDATE ON domains   BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER domain_removed  AFTER DELETE ON domains   BEGIN UPDATE directory_version SET version = version + 1; END;
CREATE TRIGGER key_removed     AFTER DELETE ON api_keys  BEGIN UPDATE directory_version SET version = version + 1; END;

-- Who may read a message is decided when it arrives and never changes afterwards, so releasing an
-- address or a domain never makes private mail public.
--   owner:   the account whose address or domain received it (NULL: a public inbox)
--   private: 1 when only the owner (or the account that starred it) may read it
--   route:   JSON of the resolved route and forwarding targets, for diagnostics and delivery
ALTER TABLE messages ADD COLUMN owner   TEXT;
ALTER TABLE messages ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN route   TEXT;
-- lower-cased "name <address>" lists, for the account's filter and search endpoints
ALTER TABLE messages ADD COLUMN from_text TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN to_text   TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_by_owner    ON messages (owner, received);
CREATE INDEX messages_by_saved_by ON messages (saved_by, received);
