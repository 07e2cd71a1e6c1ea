package io.mailbin.store;

import java.time.Instant;

/**
 * One try at a delivery.
 *
 * @param status    the HTTP status (or SMTP reply code) the target answered, or null when it did not answer
 * @param error     what went wrong, or null on success
 * @param nextRetry when the next try is due, or null when no further try will be made
 */
public record DeliveryAttempt(Instant at, Integer status, String error, long durationMs, Instant nextRetry) {}
