-- Most mail is public and lands in the inbox it was addressed to: no owner, no star, and
-- original_inbox = inbox. Partial indexes leave those rows out, so storing (and expiring) such a
-- message updates three indexes instead of seven. Every query on these columns states the index's
-- condition (owner = ? implies owner IS NOT NULL; the original-inbox walks say original_inbox <> inbox).
DROP INDEX messages_by_original;
CREATE INDEX messages_by_original ON messages (original_inbox, received) WHERE original_inbox <> inbox;
DROP INDEX messages_by_domain;
CREATE INDEX messages_by_domain   ON messages (domain, received)         WHERE owner IS NOT NULL;
DROP INDEX messages_by_owner;
CREATE INDEX messages_by_owner    ON messages (owner, received)          WHERE owner IS NOT NULL;
DROP INDEX messages_by_saved_by;
CREATE INDEX messages_by_saved_by ON messages (saved_by, received)       WHERE saved_by IS NOT NULL;

-- Releasing the last copy of a message deletes its raw bytes without first rewriting the row (an
-- UPDATE rewrites the whole record, blob included); only a shared row has its count lowered.
DROP TRIGGER message_deleted;
CREATE TRIGGER message_deleted AFTER DELETE ON messages BEGIN
    DELETE FROM raw WHERE id = OLD.raw_id AND refs <= 1;
    UPDATE raw SET refs = refs - 1 WHERE id = OLD.raw_id;
END;
