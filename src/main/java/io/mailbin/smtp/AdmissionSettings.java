package io.mailbin.smtp;

import java.time.Duration;
import java.util.List;

/**
 * Who gets in, and when.
 *
 * @param capacity       sessions processing a message at once; the rest wait in the queue
 * @param queueTimeout   how long a connection may wait for capacity before it is answered 421
 * @param maxConnections open connections (processing and waiting); past it, new ones get 421 at once
 * @param ratePerIp      messages per remote IP, or {@link RateLimit#OFF}
 * @param ratePerDomain  messages per sender (MAIL FROM) domain, or {@link RateLimit#OFF}
 * @param allow          IPs, CIDR blocks and domains the rate limits do not apply to
 */
public record AdmissionSettings(int capacity, Duration queueTimeout, int maxConnections,
                                RateLimit ratePerIp, RateLimit ratePerDomain, List<String> allow) {
    /** The store's write queue holds 4,096 tasks; more processing than that would only wait there. */
    static final int MAX_CAPACITY = 4096;

    public AdmissionSettings {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("--smtp-capacity must be between 1 and " + MAX_CAPACITY + ", got " + capacity);
        }
        if (queueTimeout.isNegative()) {
            throw new IllegalArgumentException("--smtp-queue-timeout must not be negative");
        }
        allow = List.copyOf(allow);
        io.mailbin.policy.HostList.of(allow); // every entry must parse: a typo fails at start, not on a connection
        if (maxConnections < capacity) {
            throw new IllegalArgumentException("--smtp-max-connections (" + maxConnections
                    + ") must be at least --smtp-capacity (" + capacity + ")");
        }
    }

    /**
     * The capacity used when none is configured: 16 sessions per CPU (processing is mostly waiting for
     * the group commit), but never more messages in memory than half the heap can hold at the largest
     * allowed size, and never more than the store's write queue.
     */
    public static int defaultCapacity(long maxMessageSize) {
        long byCpu = 16L * Runtime.getRuntime().availableProcessors();
        long byHeap = Runtime.getRuntime().maxMemory() / 2 / Math.max(1, maxMessageSize);
        return (int) Math.max(2, Math.min(MAX_CAPACITY, Math.min(byCpu, byHeap)));
    }
}
