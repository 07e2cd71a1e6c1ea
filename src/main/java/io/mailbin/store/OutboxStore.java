package io.mailbin.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: deliveries written with their message, claimed by workers, and their attempt log.
 * Rows are added by {@link MessageStore#save} from each route's forwarding targets.
 */
public interface OutboxStore {

    /**
     * Claims pending deliveries that are due: each is leased (not handed out again) until {@code leaseUntil},
     * so a worker that dies mid-delivery leaves it to be retried, never lost.
     */
    List<OutboxEntry> claimDue(Instant now, int limit, Instant leaseUntil);

    /**
     * Records an attempt and the delivery's new state: delivered, failed (given up), or pending again
     * until {@code attempt.nextRetry()}.
     */
    void record(long id, DeliveryAttempt attempt, String newState);

    /** When the earliest pending delivery is due, if any. */
    Optional<Instant> nextDue();

    /** The delivery log of one address (the {@code source} of its deliveries), newest first. */
    List<Delivery> deliveries(String source, int limit);

    /** The deliveries of one message. */
    List<Delivery> deliveriesOf(String messageId);
}
