package io.mailbin.store;

/**
 * Everything Mailbin keeps, behind one handle per backend: each kind of data has its own interface,
 * and every implementation passes the same contract tests.
 */
public interface Store extends AutoCloseable {
    MessageStore messages();

    AccountStore accounts();

    OutboxStore outbox();

    SpamModelStore spamModels();

    DenyListStore denyList();

    /** Stops taking writes, commits what was accepted, and releases files and connections. */
    @Override
    void close();
}
