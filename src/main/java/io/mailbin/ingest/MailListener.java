package io.mailbin.ingest;

/**
 * Told about every committed message, by the thread that committed it (the store's writer, which tells
 * the messages of one group commit one after another), before the SMTP 250 goes out. It must not block
 * or do slow work: queue what it needs and return (ingest never waits on a consumer, and every message
 * committed after this one waits for it).
 */
@FunctionalInterface
public interface MailListener {
    void committed(NewMail mail);

    /**
     * Told on a sender's thread once that sender has been answered: the moment for work that should
     * follow a commit at once but must not delay the 250 (building web-socket frames). It must not
     * block either. A sender that hangs up before its answer never gets here, so what {@link #committed}
     * queued must not depend on this call alone.
     */
    default void afterReply() {
    }
}
