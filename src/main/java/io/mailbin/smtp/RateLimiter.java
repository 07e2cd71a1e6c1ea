package io.mailbin.smtp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Token buckets by key (a remote IP, a sender domain): each message takes a token, tokens come back at
 * the configured rate up to the burst. A bucket that has filled up again is indistinguishable from a new
 * one, so idle buckets are dropped whenever the map has doubled since the last sweep: memory follows
 * the number of senders active within one refill period, never the number ever seen.
 */
final class RateLimiter {
    private final RateLimit limit;
    private final double tokensPerNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger sweepAt = new AtomicInteger(1024);

    RateLimiter(RateLimit limit) {
        this.limit = limit;
        this.tokensPerNano = limit.enabled() ? (double) limit.permits() / limit.period().toNanos() : 0;
    }

    RateLimit limit() {
        return limit;
    }

    /** Takes a token for {@code key}; false when its bucket is empty (the sender is over the limit). */
    boolean tryTake(String key) {
        if (!limit.enabled()) {
            return true;
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), System.nanoTime()));
        if (buckets.size() > sweepAt.get()) {
            sweep();
        }
        return b.take(System.nanoTime());
    }

    /** Whether {@code key} has no token left right now; takes nothing. */
    boolean exhausted(String key) {
        if (!limit.enabled()) {
            return false;
        }
        Bucket b = buckets.get(key);
        return b != null && b.available(System.nanoTime()) < 1;
    }

    int size() {
        return buckets.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        buckets.values().removeIf(b -> b.available(now) >= limit.burst());
        sweepAt.set(Math.max(1024, buckets.size() * 2));
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized double available(long now) {
            refill(now);
            return tokens;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(limit.burst(), tokens + (now - last) * tokensPerNano);
                last = now;
            }
        }
    }
}
