package io.mailbin.smtp;

import io.mailbin.ingest.Ingest;
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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound SMTP listener: accepts connections and runs each {@link SmtpSession} on a virtual thread.
 * Sockets get TCP_NODELAY and no reverse DNS lookup: peers lose 40–100 ms per connection to those two.
 */
public final class SmtpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);

    private final SmtpSettings settings;
    private final String hostname;
    private final Ingest ingest;
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionCount = new AtomicLong();
    private ServerSocket listener;
    private Thread acceptor;

    public SmtpServer(SmtpSettings settings, String hostname, Ingest ingest) {
        this.settings = settings;
        this.hostname = hostname;
        this.ingest = ingest;
    }

    /** Binds the port; throws with a clear message when it is taken. */
    public void start(InetAddress bind) {
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(bind, settings.port()), 1024);
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
            }
        }
    }

    private void start(Socket socket) {
        SmtpSession session = new SmtpSession(socket, settings, hostname, ingest, sessions::remove);
        sessions.add(session);
        Thread.ofVirtual().name("smtp-" + connectionCount.incrementAndGet()).start(session);
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
