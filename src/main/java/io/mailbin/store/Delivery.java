package io.mailbin.store;

import java.time.Instant;
import java.util.List;

/**
 * A delivery as users see it in the delivery log: what, where, its state and every attempt so far.
 *
 * @param state       {@code pending}, {@code delivered} or {@code failed}
 * @param nextAttempt when the next attempt is due while pending, else null
 */
public record Delivery(OutboxEntry entry, String state, Instant nextAttempt, List<DeliveryAttempt> attempts) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    public Delivery {
        attempts = List.copyOf(attempts);
    }
}
