package io.mailbin.smtp;

import java.time.Duration;

/**
 * How the inbound SMTP listener behaves.
 *
 * @param maxMessageSize largest DATA accepted, advertised in EHLO as SIZE; larger mail gets 552
 * @param maxRecipients  RCPT commands accepted per message before 452 4.5.3
 * @param maxErrors      syntax and sequence errors tolerated per session before the client is disconnected
 * @param idleTimeout    how long a session may stay silent before it is closed with 421
 * @param admission      the capacity queue and connection limit
 */
public record SmtpSettings(int port, long maxMessageSize, int maxRecipients, int maxErrors, Duration idleTimeout,
                           AdmissionSettings admission) {
    public SmtpSettings {
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("--max-message-size must be at least 1KB, got " + maxMessageSize);
        }
        if (maxMessageSize > Integer.MAX_VALUE - 1_000_000) {
            throw new IllegalArgumentException("--max-message-size must be below 2GB");
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("--smtp-max-recipients must be at least 1");
        }
        if (maxErrors < 1) {
            throw new IllegalArgumentException("--smtp-max-errors must be at least 1");
        }
    }
}
