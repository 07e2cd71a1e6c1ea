package io.mailbin.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: exponential backoff from {@code base}, capped at an hour, with
 * ±50% jitter so a recovering receiver is not hit by every retry at once; none after the deadline.
 */
final class Backoff {
    static final Duration MAX_DELAY = Duration.ofHours(1);

    private final Duration base;
    private final Duration giveUpAfter;

    Backoff(Duration base, Duration giveUpAfter) {
        this.base = base;
        this.giveUpAfter = giveUpAfter;
    }

    /** The next attempt after {@code attempts} failed ones, or null when the delivery should be given up. */
    Instant next(Instant created, int attempts, Instant now) {
        double factor = Math.pow(2, Math.min(attempts - 1, 30));
        long delay = (long) Math.min(MAX_DELAY.toMillis(), base.toMillis() * factor);
        long jittered = (long) (delay * (0.5 + ThreadLocalRandom.current().nextDouble()));
        Instant next = now.plusMillis(Math.max(1, jittered));
        return next.isAfter(created.plus(giveUpAfter)) ? null : next;
    }
}
