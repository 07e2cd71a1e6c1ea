package io.mailbin.smtp;

import java.time.Duration;

/**
 * How the inbound SMTP listener behaves.
 *
 * @param maxMessageSize largest DATA accepted, advertised in EHLO as SIZE; larger mail gets 552
 * @param maxRecipients  RCPT commands accepted per message before 452 4.5.3
 * @param maxErrors      syntax and sequence errors tolerated per session before the client is disconnected
 * @param idleTimeout    how long a session may stay silent before it is closed with 421
 * @param idleTimeout    how long a client may take to send its next command line (a deadline from our last
 *                       reply: dripping bytes does not extend it)
 * @param sessionTimeout how long a whole session may last
 * @param minDataRate    bytes per second a client must keep up during DATA, after an allowance of {@code idleTimeout}
 * @param maxLineLength  longest line accepted in a message (RFC 5322 says 998; real mail is sloppier)
 * @param admission      the capacity queue and connection limit
 * @param tls            STARTTLS, the implicit-TLS port, and whether TLS is required
 * @param auth           whether SMTP AUTH is offered, and before TLS or only after
 * @param eventLoops     event-loop threads serving plain-text sessions; 0 runs every session on a thread of its own
 */
public record SmtpSettings(int port, long maxMessageSize, int maxRecipients, int maxErrors, Duration idleTimeout,
                           Duration sessionTimeout, long minDataRate, int maxLineLength,
                           AdmissionSettings admission, TlsSettings tls, AuthSettings auth, int eventLoops) {
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
        if (!idleTimeout.isPositive() || !sessionTimeout.isPositive()) {
            throw new IllegalArgumentException("--smtp-idle-timeout and --smtp-session-timeout must be positive");
        }
        if (minDataRate < 0) {
            throw new IllegalArgumentException("--smtp-min-data-rate must not be negative (0 turns it off)");
        }
        if (eventLoops < 0 || eventLoops > 256) {
            throw new IllegalArgumentException("--smtp-event-loops must be between 0 and 256, got " + eventLoops);
        }
        if (maxLineLength < 998) {
            throw new IllegalArgumentException("--smtp-max-line-length must be at least 998 (RFC 5322), got " + maxLineLength);
        }
    }

    /**
     * The event loops used when none are configured: one per CPU. One loop fewer, leaving a core to the
     * store's writer, took plain ingest 8% faster on two cores (bench/ab.sh, eight interleaved rounds),
     * but the loops also build the web-socket frames after each 250, and with 100 sockets open one loop
     * alone fell to 0.68x of its rate without them (bench/live.sh), where two kept 1.00x.
     */
    public static int defaultEventLoops(int cpus) {
        return Math.max(1, cpus);
    }
}
