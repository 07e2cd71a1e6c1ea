package io.mailbin.store;

import java.time.Duration;

/**
 * How long public mail is kept. Mailsac keeps 6 messages for 4 days per public inbox; a self-hosted
 * instance serves one team, so the defaults are more generous. Starred mail is never evicted.
 *
 * @param publicMaxMessages newest messages kept per public inbox (0 = no limit)
 * @param publicMaxAge      public messages older than this are removed (zero = no limit)
 * @param maxStoreSize      total raw bytes kept; above it the oldest public mail goes first (0 = no limit)
 * @param interval          how often the background retention job runs
 */
public record RetentionPolicy(int publicMaxMessages, Duration publicMaxAge, long maxStoreSize, Duration interval) {
    public RetentionPolicy {
        if (publicMaxMessages < 0) {
            throw new IllegalArgumentException("--public-max-messages must not be negative");
        }
        if (publicMaxAge.isNegative()) {
            throw new IllegalArgumentException("--public-max-age must not be negative");
        }
        if (maxStoreSize < 0) {
            throw new IllegalArgumentException("--max-store-size must not be negative");
        }
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("--retention-interval must be positive");
        }
    }
}
