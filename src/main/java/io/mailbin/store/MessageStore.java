package io.mailbin.store;

import java.util.List;
import java.util.Optional;

/**
 * Where mail lives. Every implementation passes the same contract tests (MessageStoreContract).
 *
 * <p>Methods block the calling thread; callers run on virtual threads, and implementations move
 * native or pinned work onto their own threads.
 */
public interface MessageStore {

    /**
     * Keeps the mail durably and returns its messages with their {@code received} times assigned.
     * Returns only after the commit: a caller may acknowledge the mail (SMTP 250) as soon as this returns.
     *
     * @throws StoreUnavailableException when the mail could not be committed; nothing was kept
     */
    List<StoredMessage> save(IncomingMail mail);

    Optional<StoredMessage> find(String id);

    /** Newest first. */
    List<StoredMessage> list(InboxQuery query);

    long count(String address);

    /** The message's bytes exactly as stored, our Received header first. */
    Optional<byte[]> raw(String id);

    /** Deletes one message (starred or not); returns what was deleted. */
    Optional<StoredMessage> delete(String id);

    /** Deletes every message of an address that is not starred; returns how many were deleted. */
    int deleteAll(String address);
}
