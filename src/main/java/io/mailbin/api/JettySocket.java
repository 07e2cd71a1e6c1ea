package io.mailbin.api;

import io.mailbin.delivery.WebSocketHub;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A web socket with its own bounded send queue. Frames are written asynchronously; a socket with
 * more than {@code maxQueued} frames unsent is closed (1008, "too slow") and, since a client that does
 * not read will never see the close frame either, disconnected shortly after.
 *
 * <p>Frames arrive as UTF-8 bytes, shared by every socket they are for, and go to Jetty's core
 * session as they are: the API's {@code sendText(String)} would take a string and encode it again for
 * every socket. A frame marked as followed by more is held in Jetty's batch buffer and written
 * together with the next.
 */
final class JettySocket implements WebSocketHub.Socket {
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("ws-reaper").daemon(true).unstarted(r));

    private final Session session;
    private final CoreSession core;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    JettySocket(Session session, int maxQueued) {
        this.session = session;
        this.core = ((WebSocketSession) session).getCoreSession();
        this.maxQueued = maxQueued;
    }

    @Override
    public boolean offer(byte[] utf8, boolean more) {
        if (closing.get() || !session.isOpen()) {
            return false;
        }
        if (queued.incrementAndGet() > maxQueued) {
            tooSlow();
            return false;
        }
        core.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8).asReadOnlyBuffer()),
                Callback.from(queued::decrementAndGet, x -> queued.decrementAndGet()), more);
        return true;
    }

    private void tooSlow() {
        if (closing.compareAndSet(false, true)) {
            session.close(1008, "too slow: more than " + maxQueued + " frames unsent",
                    org.eclipse.jetty.websocket.api.Callback.NOOP);
            REAPER.schedule(() -> {
                if (session.isOpen()) {
                    session.disconnect();
                }
            }, 5, TimeUnit.SECONDS);
        }
    }
}
