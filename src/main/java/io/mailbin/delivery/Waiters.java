package io.mailbin.delivery;

import io.mailbin.ingest.MailListener;
import io.mailbin.ingest.NewMail;
import io.mailbin.store.StoredMessage;
import io.mailbin.store.Viewer;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients long-polling for the next message of an inbox. A waiter is registered before the store is
 * checked, so a message committed in between is never missed; the first message readable by the
 * waiter and received after its {@code since} completes it.
 */
public final class Waiters implements MailListener {

    /** One waiting request. */
    public static final class Waiter {
        private final String address;
        private final Instant since;
        private final Viewer viewer;
        private final CompletableFuture<StoredMessage> next = new CompletableFuture<>();

        Waiter(String address, Instant since, Viewer viewer) {
            this.address = address;
            this.since = since;
            this.viewer = viewer;
        }

        public CompletableFuture<StoredMessage> next() {
            return next;
        }
    }

    private final Map<String, Set<Waiter>> byAddress = new ConcurrentHashMap<>();

    public Waiter register(String address, Instant since, Viewer viewer) {
        Waiter w = new Waiter(address, since, viewer);
        byAddress.computeIfAbsent(address, k -> ConcurrentHashMap.newKeySet()).add(w);
        return w;
    }

    public void remove(Waiter w) {
        byAddress.computeIfPresent(w.address, (k, set) -> {
            set.remove(w);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void committed(NewMail mail) {
        if (byAddress.isEmpty()) {
            return;
        }
        for (StoredMessage copy : mail.copies()) {
            offer(copy.inbox(), copy);
            if (!copy.originalInbox().equals(copy.inbox())) {
                offer(copy.originalInbox(), copy);
            }
        }
    }

    private void offer(String address, StoredMessage copy) {
        Set<Waiter> waiting = byAddress.get(address);
        if (waiting == null) {
            return;
        }
        for (Waiter w : waiting) {
            if (copy.received().isAfter(w.since) && w.viewer.canRead(copy)) {
                w.next.complete(copy);
            }
        }
    }
}
