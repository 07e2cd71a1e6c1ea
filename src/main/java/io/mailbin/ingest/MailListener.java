package io.mailbin.ingest;

/**
 * Told about every committed message, on the ingest thread, before the SMTP 250 goes out. It must not
 * block or do slow work: queue what it needs and return (ingest never waits on a consumer).
 */
@FunctionalInterface
public interface MailListener {
    void committed(NewMail mail);
}
