package io.mailbin.web;

import io.mailbin.ingest.MailListener;
import io.mailbin.ingest.NewMail;
import io.mailbin.store.StoredMessage;
import io.mailbin.store.Viewer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live view's hub: who is watching which inbox, fed by committed mail. It runs on the ingest thread
 * before the SMTP 250, so it only hands each copy to the matching subscriptions' bounded queues and
 * returns; a subscription whose queue is full is dropped there and then, never waited for.
 *
 * <p>A copy matches a subscription as it would match the inbox listing: the subscribed address is the
 * copy's inbox or its original address, and the subscription's viewer may read it.
 */
final class LiveInboxes implements MailListener {
    private final ConcurrentHashMap<String, Set<Subscription>> byAddress = new ConcurrentHashMap<>();
    private final int buffer;

    LiveInboxes(int buffer) {
        this.buffer = buffer;
    }

    Subscription subscribe(String address, Viewer viewer) {
        Subscription s = new Subscription(address, viewer, buffer);
        byAddress.compute(address, (k, set) -> {
            Set<Subscription> subs = set != null ? set : ConcurrentHashMap.newKeySet();
            subs.add(s);
            return subs;
        });
        return s;
    }

    void unsubscribe(Subscription s) {
        byAddress.computeIfPresent(s.address(), (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void committed(NewMail mail) {
        for (StoredMessage m : mail.copies()) {
            offer(m.inbox(), m);
            if (!m.originalInbox().equals(m.inbox())) {
                offer(m.originalInbox(), m);
            }
        }
    }

    private void offer(String address, StoredMessage m) {
        Set<Subscription> subs = byAddress.get(address);
        if (subs == null) {
            return;
        }
        for (Subscription s : subs) {
            if (s.viewer().canRead(m) && !s.offer(m)) {
                unsubscribe(s);
            }
        }
    }

    /** Ends every stream (the server is stopping): each wakes at once and finishes its response. */
    void closeAll() {
        byAddress.values().forEach(set -> set.forEach(s -> s.end(Subscription.End.CLOSED)));
        byAddress.clear();
    }

    /** Streams open now, for tests and metrics. */
    int watching() {
        return byAddress.values().stream().mapToInt(Set::size).sum();
    }
}
