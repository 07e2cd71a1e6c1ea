package io.mailbin.smtp;

/**
 * An SMTP session the server keeps track of, on a thread of its own ({@link SmtpSession}) or on an
 * event loop ({@link LoopSession}).
 */
sealed interface InboundSession permits SmtpSession, LoopSession {

    /**
     * Says goodbye with 421 once the session is between commands, waiting up to {@code graceMillis} for
     * a transaction in progress to finish; then closes the connection either way.
     */
    void shutdown(long graceMillis);

    /** How the server learns that sessions start, move to a thread, and end. */
    interface Tracker {
        /** {@code next} now serves the connection {@code previous} served (a hand-off from a loop to a thread). */
        void replaced(InboundSession previous, InboundSession next);

        /** The session has ended and its connection is closed. */
        void ended(InboundSession session);
    }
}
