package io.mailbin.smtp;

/**
 * The processing permit of one session: taken from the {@link AdmissionQueue} before the greeting and
 * again at DATA for each later message; when none comes free within the queue timeout, the client is
 * told 421 and the connection closed.
 */
final class SessionPermit {
    private final SmtpServices services;
    private final SmtpConnection conn;
    private AdmissionQueue.Permit held;

    SessionPermit(SmtpServices services, SmtpConnection conn) {
        this.services = services;
        this.conn = conn;
    }

    /** A session that was given a free permit when it connected. */
    SessionPermit(SmtpServices services, SmtpConnection conn, AdmissionQueue.Permit held) {
        this(services, conn);
        this.held = held;
    }

    boolean held() {
        return held != null;
    }

    /** Waits for a permit; false when none came in time (421 said, connection closed). */
    boolean acquire() throws InterruptedException {
        held = services.queue().acquire();
        if (held == null) {
            services.metrics().rejected(421, "queue_timeout");
            conn.sayAndClose("421 4.7.0 " + services.hostname() + " is busy: no capacity became free within "
                    + SmtpText.seconds(services.queue().timeout()) + ", try again later");
            return false;
        }
        return true;
    }

    /** Takes a permit if one is free right now, without waiting. */
    boolean tryAcquire() {
        held = services.queue().tryAcquire();
        return held != null;
    }

    void release() {
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
