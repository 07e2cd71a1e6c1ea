package io.mailbin.smtp;

import io.mailbin.ingest.Ingest;
import io.mailbin.policy.DenyList;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound SMTP listener. A plain-text connection that finds processing capacity free is served by
 * one of {@code --smtp-event-loops} {@link SmtpLoop}s (round robin); one that must wait in the
 * admission queue, arrives on the implicit-TLS port, or finds no loop configured runs as an
 * {@link SmtpSession} on a virtual thread, and so does a loop session from its first STARTTLS or AUTH.
 * Sockets get TCP_NODELAY and no reverse DNS lookup: peers lose 40–100 ms per connection to those two.
 *
 * <p>Open connections are bounded ({@code --smtp-max-connections}, and the listen backlog to match):
 * past the bound a new connection is answered 421 at once by the acceptor, so the queue of waiting
 * sessions, and the memory it costs, cannot grow without end.
 */
public final class SmtpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    private final SmtpSettings settings;
    private final String hostname;
    private final SmtpServices services;
    private final Set<InboundSession> sessions = ConcurrentHashMap.newKeySet();
    private final InboundSession.Tracker tracker = new InboundSession.Tracker() {
        @Override
        public void replaced(InboundSession previous, InboundSession next) {
            sessions.add(next);
            sessions.remove(previous);
        }

        @Override
        public void ended(InboundSession session) {
            sessions.remove(session);
            open.decrementAndGet();
        }
    };
    private final List<SmtpLoop> loops = new ArrayList<>();
    private int nextLoop;
    private final AtomicLong connectionCount = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private ServerSocketChannel listener;
    private ServerSocketChannel implicitTlsListener;

    /**
     * @param authenticator decides SMTP AUTH credentials when {@code settings.auth()} offers AUTH:
     *                      {@link SmtpAuthenticator#ANY} for capture mode
     */
    public SmtpServer(SmtpSettings settings, String hostname, Ingest ingest, DenyList denyList, MeterRegistry metrics,
                      SmtpAuthenticator authenticator) {
        this.settings = settings;
        this.hostname = hostname;
        AdmissionSettings a = settings.admission();
        this.services = new SmtpServices(settings, hostname, ingest,
                new AdmissionQueue(a.capacity(), a.queueTimeout(), metrics), new SenderPolicy(hostname, a, denyList),
                TlsContext.create(settings.tls(), hostname), authenticator, new SmtpMetrics(metrics),
                new ReadDeadlines());
        Gauge.builder("mailbin.smtp.connections", open, AtomicInteger::get)
                .description("Open SMTP connections, processing or waiting").register(metrics);
        Gauge.builder("mailbin.smtp.sessions.active", this, s -> Math.max(0, s.open.get() - s.services.queue().waiting()))
                .description("SMTP sessions past the queue (greeted)").register(metrics);
    }

    /** Binds the port (and the SMTPS port when configured); throws with a clear message when one is taken. */
    public void start(InetAddress bind) {
        listener = listen(bind, settings.port(), "SMTP");
        try {
            for (int i = 0; i < settings.eventLoops(); i++) {
                loops.add(new SmtpLoop("smtp-loop-" + i));
            }
        } catch (IOException e) {
            closeQuietly(listener);
            loops.forEach(SmtpLoop::close);
            throw new IllegalStateException("cannot start the SMTP event loops (" + e.getMessage() + ")", e);
        }
        Thread.ofPlatform().name("smtp-accept").daemon(true).start(() -> acceptLoop(listener, false));
        log.info("SMTP listening on {}:{}", bind.getHostAddress(), port());
        if (settings.tls().implicitPort()) {
            try {
                implicitTlsListener = listen(bind, settings.tls().smtpsPort(), "SMTPS");
            } catch (IllegalStateException e) {
                closeQuietly(listener);
                throw e;
            }
            Thread.ofPlatform().name("smtps-accept").daemon(true).start(() -> acceptLoop(implicitTlsListener, true));
            log.info("SMTPS (implicit TLS) listening on {}:{}", bind.getHostAddress(), smtpsPort());
        }
    }

    private ServerSocketChannel listen(InetAddress bind, int port, String what) {
        ServerSocketChannel s = null;
        try {
            s = ServerSocketChannel.open();
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(new InetSocketAddress(bind, port), settings.admission().maxConnections());
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            throw new IllegalStateException("cannot listen for " + what + " on " + bind.getHostAddress() + ":" + port
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(ServerSocketChannel s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    /** The implicit-TLS port, or -1 when there is none. */
    public int smtpsPort() {
        return implicitTlsListener == null ? -1 : implicitTlsListener.socket().getLocalPort();
    }

    private void acceptLoop(ServerSocketChannel listener, boolean implicitTls) {
        while (listener.isOpen()) {
            try {
                start(listener.accept(), implicitTls);
            } catch (ClosedChannelException e) {
                return; // the server is closing
            } catch (IOException e) {
                log.warn("SMTP accept failed: {}", e.getMessage());
                pause(); // e.g. out of file descriptors: do not spin
            }
        }
    }

    private void start(SocketChannel channel, boolean implicitTls) throws IOException {
        if (open.incrementAndGet() > settings.admission().maxConnections()) {
            open.decrementAndGet();
            services.metrics().rejected(421, "too_many_connections");
            new SmtpConnection(channel.socket()).sayAndClose("421 4.7.0 " + hostname + " has too many connections ("
                    + settings.admission().maxConnections() + "), try again later");
            return;
        }
        boolean screened = false;
        if (!implicitTls && !loops.isEmpty()) {
            if (startOnLoop(channel)) {
                return;
            }
            screened = true;
        }
        SmtpSession session = new SmtpSession(channel.socket(), services, implicitTls, screened, tracker);
        sessions.add(session);
        Thread.ofVirtual().name("smtp-" + connectionCount.incrementAndGet()).start(session);
    }

    /**
     * Serves the connection on an event loop if the sender policy lets it in and a permit is free now;
     * false when it must wait in the queue, on a thread of its own. A refused connection is told why.
     */
    private boolean startOnLoop(SocketChannel channel) throws IOException {
        String ip = ((InetSocketAddress) channel.getRemoteAddress()).getAddress().getHostAddress();
        SenderPolicy.Refusal refusal = services.senders().atConnect(ip);
        if (refusal != null) {
            services.metrics().rejected(refusal.code(), refusal.reason());
            new SmtpConnection(channel.socket()).sayAndClose(refusal.text());
            open.decrementAndGet();
            return true;
        }
        AdmissionQueue.Permit permit = services.queue().tryAcquire();
        if (permit == null) {
            return false;
        }
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        SmtpConnection conn = SmtpConnection.onLoop(channel);
        SmtpLoop loop = loops.get(nextLoop++ % loops.size());
        LoopSession session = new LoopSession(loop, conn, new SessionPermit(services, conn, permit), services, tracker);
        sessions.add(session);
        loop.execute(session::start);
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, lets transactions in progress finish (up to {@code graceMillis}), then closes every session. */
    public void close(long graceMillis) {
        closeQuietly(listener);
        closeQuietly(implicitTlsListener);
        List<Thread> goodbyes = new ArrayList<>();
        for (InboundSession s : sessions) {
            goodbyes.add(Thread.ofVirtual().start(() -> s.shutdown(graceMillis)));
        }
        for (Thread t : goodbyes) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        loops.forEach(SmtpLoop::close);
        services.deadlines().close();
    }

    @Override
    public void close() {
        close(0);
    }
}
