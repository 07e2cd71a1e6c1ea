package io.mailbin.api;

import io.mailbin.delivery.WebSocketHub;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A web socket with its own bounded send queue. Frames are written asynchronously; a socket with
 * more than {@code maxQueued} frames unsent is closed (1008, "too slow") and, since a client that does
 * not read will never see the close frame either, disconnected shortly after.
 */
final class JettySocket implements WebSocketHub.Socket {
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("ws-reaper").daemon(true).unstarted(r));

    private final Session session;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    JettySocket(Session session, int maxQueued) {
        this.session = session;
        this.maxQueued = maxQueued;
    }

    @Override
    public boolean offer(String frame) {
        if (closing.get() || !session.isOpen()) {
            return false;
        }
        if (queued.incrementAndGet() > maxQueued) {
            tooSlow();
            return false;
        }
        session.sendText(frame, Callback.from(queued::decrementAndGet, x -> queued.decrementAndGet()));
        return true;
    }

    private void tooSlow() {
        if (closing.compareAndSet(false, true)) {
            session.close(1008, "too slow: more than " + maxQueued + " frames unsent", Callback.NOOP);
            REAPER.schedule(() -> {
                if (session.isOpen()) {
                    session.disconnect();
                }
            }, 5, TimeUnit.SECONDS);
        }
    }
}
