package io.mailbin.smtp;

import io.mailbin.ingest.Ingest;
import io.mailbin.policy.DenyList;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound SMTP listener: accepts connections and runs each {@link SmtpSession} on a virtual thread.
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
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCount = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private ServerSocket listener;
    private Thread acceptor;

    public SmtpServer(SmtpSettings settings, String hostname, Ingest ingest, DenyList denyList, MeterRegistry metrics) {
        this.settings = settings;
        this.hostname = hostname;
        AdmissionSettings a = settings.admission();
        this.services = new SmtpServices(settings, hostname, ingest,
                new AdmissionQueue(a.capacity(), a.queueTimeout(), metrics), new SenderPolicy(hostname, a, denyList),
                new SmtpMetrics(metrics));
        Gauge.builder("mailbin.smtp.connections", open, AtomicInteger::get)
                .description("Open SMTP connections, processing or waiting").register(metrics);
    }

    /** Binds the port; throws with a clear message when it is taken. */
    public void start(InetAddress bind) {
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(bind, settings.port()), settings.admission().maxConnections());
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for SMTP on " + bind.getHostAddress() + ":" + settings.port()
                    + " (" + e.getMessage() + ")", e);
        }
        acceptor = Thread.ofPlatform().name("smtp-accept").daemon(true).start(this::acceptLoop);
        log.info("SMTP listening on {}:{}", bind.getHostAddress(), port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                start(listener.accept());
            } catch (SocketException e) {
                if (!listener.isClosed()) {
                    log.warn("SMTP accept failed: {}", e.getMessage());
                }
            } catch (IOException e) {
                log.warn("SMTP accept failed: {}", e.getMessage());
                pause(); // e.g. out of file descriptors: do not spin
            }
        }
    }

    private void start(Socket socket) {
        if (open.incrementAndGet() > settings.admission().maxConnections()) {
            open.decrementAndGet();
            services.metrics().rejected(421, "too_many_connections");
            new SmtpConnection(socket).sayAndClose("421 4.7.0 " + hostname + " has too many connections ("
                    + settings.admission().maxConnections() + "), try again later");
            return;
        }
        SmtpSession session = new SmtpSession(socket, services, s -> {
            sessions.remove(s);
            open.decrementAndGet();
        });
        sessions.add(session);
        Thread.ofVirtual().name("smtp-" + connectionCount.incrementAndGet()).start(session);
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
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        List<Thread> goodbyes = new ArrayList<>();
        for (SmtpSession s : sessions) {
            goodbyes.add(Thread.ofVirtual().start(() -> s.shutdown(graceMillis)));
        }
        for (Thread t : goodbyes) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(0);
    }
}
