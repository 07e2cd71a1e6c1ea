package io.mailbin.delivery;

import io.mailbin.ingest.MailListener;
import io.mailbin.ingest.NewMail;
import io.mailbin.store.Delivery;
import io.mailbin.store.DeliveryAttempt;
import io.mailbin.store.MessageStore;
import io.mailbin.store.OutboxEntry;
import io.mailbin.store.OutboxStore;
import io.mailbin.store.StoreUnavailableException;
import io.mailbin.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the outbox: claims due deliveries, runs each on its own virtual thread under a per-target cap,
 * records every attempt, and schedules retries. It wakes at once when committed mail carries forwarding
 * (so a webhook goes out milliseconds after the 250), and otherwise when the next retry is due.
 * Deliveries are at least once: a row leaves the outbox only when delivered or given up.
 */
public final class OutboxWorker implements MailListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    static final int MAX_IN_FLIGHT = 256;
    static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final OutboxStore outbox;
    private final MessageStore messages;
    private final Map<String, Channel> channels;
    private final Backoff backoff;
    private final Duration lease;
    private final int perTarget;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Semaphore wake = new Semaphore(0);
    private final Map<String, Semaphore> targetCaps = new ConcurrentHashMap<>();
    private final HttpPoster http;
    private final Thread loop;
    private volatile boolean running = true;

    public OutboxWorker(OutboxStore outbox, MessageStore messages, DeliverySettings settings) {
        this.outbox = outbox;
        this.messages = messages;
        this.http = new HttpPoster(settings);
        this.channels = Map.of(
                OutboxEntry.WEBHOOK, new WebhookChannel(http),
                OutboxEntry.SLACK, new SlackChannel(http, settings.publicUrl()),
                OutboxEntry.FORWARD, new ForwardChannel(settings));
        this.backoff = new Backoff(settings.retryBase(), settings.giveUpAfter());
        this.lease = settings.timeout().multipliedBy(4).plusMinutes(1);
        this.perTarget = settings.perTargetConcurrency();
        this.loop = Thread.ofVirtual().name("outbox").unstarted(this::run);
    }

    public void start() {
        loop.start();
    }

    /** Committed mail with webhook, Slack or forward targets: look at the outbox now. */
    @Override
    public void committed(NewMail mail) {
        for (StoredMessage m : mail.copies()) {
            if (m.route().targets().stream().anyMatch(t -> t.webhook() != null || t.webhookSlack() != null || t.forward() != null)) {
                wake.release();
                return;
            }
        }
    }

    private void run() {
        while (running) {
            try {
                int free = inFlight.availablePermits();
                List<OutboxEntry> due = free == 0 ? List.of()
                        : outbox.claimDue(Instant.now(), Math.min(free, 64), Instant.now().plus(lease));
                for (OutboxEntry e : due) {
                    inFlight.acquireUninterruptibly();
                    Thread.ofVirtual().name("delivery-" + e.id()).start(() -> attempt(e));
                }
                if (due.isEmpty()) {
                    sleepUntilDue();
                }
            } catch (StoreUnavailableException e) {
                log.warn("outbox unavailable, retrying shortly: {}", e.getMessage());
                pause(IDLE_POLL);
            } catch (RuntimeException e) {
                log.error("outbox loop failed", e);
                pause(IDLE_POLL);
            }
        }
    }

    private void sleepUntilDue() {
        Optional<Instant> next = outbox.nextDue();
        long wait = next.map(t -> Math.max(0, t.toEpochMilli() - System.currentTimeMillis())).orElse(IDLE_POLL.toMillis());
        try {
            if (wake.tryAcquire(Math.min(wait, IDLE_POLL.toMillis()), TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void attempt(OutboxEntry e) {
        Channel channel = channels.get(e.kind());
        Semaphore cap = targetCaps.computeIfAbsent(e.kind() + "|" + channel.capKey(e), k -> new Semaphore(perTarget));
        long started = System.nanoTime();
        try {
            cap.acquireUninterruptibly();
            Outcome outcome;
            try {
                outcome = Letter.load(messages, e.messageId())
                        .map(letter -> channel.deliver(e, letter))
                        .orElse(Outcome.giveUp(null, "message " + e.messageId() + " was deleted before it could be delivered"));
            } finally {
                cap.release();
            }
            record(e, outcome, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException ex) {
            log.error("delivery {} of message {} failed unexpectedly", e.id(), e.messageId(), ex);
            record(e, Outcome.retry(null, "internal error: " + ex), (System.nanoTime() - started) / 1_000_000);
        } finally {
            inFlight.release();
            wake.release(); // a slot is free: more may be due
        }
    }

    private void record(OutboxEntry e, Outcome outcome, long millis) {
        Instant now = Instant.now();
        Instant next = outcome.delivered() || outcome.permanent() ? null : backoff.next(e.created(), e.attempts() + 1, now);
        String state = outcome.delivered() ? Delivery.DELIVERED : next == null ? Delivery.FAILED : Delivery.PENDING;
        String error = outcome.error();
        if (Delivery.FAILED.equals(state) && !outcome.permanent()) {
            error = error + " (gave up after " + (e.attempts() + 1) + " attempts)";
        }
        try {
            outbox.record(e.id(), new DeliveryAttempt(now, outcome.status(), error, millis, next), state);
        } catch (StoreUnavailableException ex) {
            log.warn("could not record delivery {}; its lease will expire and it will be tried again", e.id());
        }
        if (!outcome.delivered()) {
            log.info("{} delivery {} for {} to {}: {}", e.kind(), e.id(), e.source(), e.target(), error);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        wake.release();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
