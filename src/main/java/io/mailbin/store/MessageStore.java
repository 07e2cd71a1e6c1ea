package io.mailbin.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

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
    default List<StoredMessage> save(IncomingMail mail) {
        return save(mail, stored -> { });
    }

    /**
     * As {@link #save(IncomingMail)}, and tells {@code committed} the stored messages the moment they are
     * committed, before this returns, on the thread that committed them. A store that commits many
     * callers' mail together tells them one after another, in commit order, before any caller returns:
     * this is where work that follows every commit (web-socket frames, webhooks) is queued, so it sees
     * each group commit whole. {@code committed} must be quick and must never block; if it throws, the
     * mail stays committed and the error is logged.
     */
    List<StoredMessage> save(IncomingMail mail, Consumer<List<StoredMessage>> committed);

    /**
     * As {@link #save(IncomingMail, Consumer)}, without blocking the caller: the future completes once
     * the mail is committed (on whichever thread committed it, so what follows must be quick), or fails
     * with what {@code save} would throw. For callers that must never block, such as an SMTP event loop.
     * This default waits for {@code save} on a virtual thread; a store with its own queue does better.
     */
    default CompletableFuture<List<StoredMessage>> saveAsync(IncomingMail mail, Consumer<List<StoredMessage>> committed) {
        CompletableFuture<List<StoredMessage>> done = new CompletableFuture<>();
        Thread.ofVirtual().name("store-save").start(() -> {
            try {
                done.complete(save(mail, committed));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    Optional<StoredMessage> find(String id);

    /** Newest first, only what the query's viewer may read. */
    List<StoredMessage> list(InboxQuery query);

    /** The oldest message of {@code address} received after {@code since} that the viewer may read. */
    Optional<StoredMessage> firstAfter(String address, Instant since, Viewer viewer);

    /** How many messages of {@code address} the viewer may read. */
    long count(String address, Viewer viewer);

    /** The message's bytes exactly as stored, our Received header first. */
    Optional<byte[]> raw(String id);

    /** Deletes one message (starred or not); returns what was deleted. */
    Optional<StoredMessage> delete(String id);

    /** Deletes every message of an address that the viewer may read and that is not starred. */
    int deleteAll(String address, Viewer viewer);

    /** Changes a message's flags atomically; returns the message as changed, or empty if it does not exist. */
    Optional<StoredMessage> update(String id, UnaryOperator<Flags> change);

    /** Messages the account owns or starred, newest first. */
    List<StoredMessage> accountMessages(AccountQuery query);

    /** Unread messages the account owns or starred. */
    long unread(String account);

    /** The messages of a domain that {@code owner} owns, newest first. */
    List<StoredMessage> domainMessages(String domain, String owner, Instant until, int limit);

    long countDomain(String domain, String owner);

    /** Deletes the messages of a domain that {@code owner} owns, starred ones too. */
    int deleteDomain(String domain, String owner);

    /** Deletes the messages an account owns in one inbox (releasing an address with its mail). */
    int deleteOwned(String inbox, String owner);

    AccountStats stats(String account);

    /**
     * Makes the public mail already in an inbox private to {@code owner}, as reserving the address does
     * (the spec: mail that already exists becomes private to the account). Returns how many moved.
     */
    int claim(String inbox, String owner);
}
