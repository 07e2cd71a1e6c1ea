package io.mailbin.ingest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process fan-out from store commit to whatever waits for mail: WebSocket subscribers, the
 * web inbox's live view, long-polling API clients, outbox workers. Listeners are few and registered
 * at start-up; publishing is a loop over them.
 */
public final class MailEvents {
    private static final Logger log = LoggerFactory.getLogger(MailEvents.class);

    private final List<MailListener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(MailListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(MailListener listener) {
        listeners.remove(listener);
    }

    /** A failing listener is logged and skipped: it must never cost the sender its 250. */
    public void publish(NewMail mail) {
        for (MailListener l : listeners) {
            try {
                l.committed(mail);
            } catch (RuntimeException e) {
                log.error("mail listener {} failed", l, e);
            }
        }
    }

    /** A sender has been answered (see {@link MailListener#afterReply}). */
    public void afterReply() {
        for (MailListener l : listeners) {
            try {
                l.afterReply();
            } catch (RuntimeException e) {
                log.error("mail listener {} failed after a reply", l, e);
            }
        }
    }
}
