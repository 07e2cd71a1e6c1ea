-- An account may turn the spam filter off for its mail (the spec's disableSpam).
ALTER TABLE accounts ADD COLUMN disable_spam INTEGER NOT NULL DEFAULT 0;
-- Changing it must reach every process that routes mail, like address and domain changes do.
CREATE TRIGGER account_changed AFTER UPDATE ON accounts BEGIN UPDATE directory_version SET version = version + 1; END;

-- Spam models that learned from users' corrections: 'global', or an account id.
CREATE TABLE spam_models (
    scope   TEXT    PRIMARY KEY,
    model   BLOB    NOT NULL,
    updated INTEGER NOT NULL
);

-- What each message taught a model, so moving it back and forth never counts it twice.
CREATE TABLE spam_feedback (
    message_id TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    spam       INTEGER NOT NULL,
    PRIMARY KEY (message_id, scope)
);
