package io.mailbin.smtp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The capacity limit on message processing (receive, parse, store): at most {@code capacity} sessions
 * hold a permit at once, the others wait in arrival order (a fair semaphore) for up to the queue
 * timeout. Throttling is a queue, not a wall: a waiting client is sent nothing and keeps its
 * connection; only one that waits past the timeout is told 421.
 *
 * <p>A waiter is a parked virtual thread and nothing else, so thousands of them cost little.
 */
final class AdmissionQueue {
    private final Semaphore permits;
    private final int capacity;
    private final Duration timeout;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Timer waitTime;

    AdmissionQueue(int capacity, Duration timeout, MeterRegistry metrics) {
        this.capacity = capacity;
        this.timeout = timeout;
        this.permits = new Semaphore(capacity, true);
        Gauge.builder("mailbin.smtp.queue.waiting", waiting, AtomicInteger::get)
                .description("SMTP connections waiting for processing capacity").register(metrics);
        Gauge.builder("mailbin.smtp.capacity.in.use", this, q -> q.capacity - q.permits.availablePermits())
                .description("Processing permits held by SMTP sessions").register(metrics);
        Gauge.builder("mailbin.smtp.capacity", () -> capacity)
                .description("Processing permits (--smtp-capacity)").register(metrics);
        this.waitTime = Timer.builder("mailbin.smtp.queue.wait")
                .description("Time SMTP connections waited for processing capacity")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    Duration timeout() {
        return timeout;
    }

    int waiting() {
        return waiting.get();
    }

    /**
     * Waits for a permit for up to the queue timeout.
     *
     * @return the permit, or null when none came free in time (the caller answers 421)
     * @throws InterruptedException when the server shuts down while this connection waits
     */
    Permit acquire() throws InterruptedException {
        long start = System.nanoTime();
        boolean got = permits.tryAcquire();
        if (!got) {
            waiting.incrementAndGet();
            try {
                got = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
        }
        waitTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return got ? new Permit() : null;
    }

    /** A permit if one is free right now, else null; never waits. */
    Permit tryAcquire() {
        if (!permits.tryAcquire()) {
            return null;
        }
        waitTime.record(0, TimeUnit.NANOSECONDS);
        return new Permit();
    }

    /** One unit of processing capacity; releasing it twice is harmless. */
    final class Permit implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                permits.release();
            }
        }
    }
}
