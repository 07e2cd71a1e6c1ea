package io.mailbin.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection, run on its own virtual thread: waits for admission, then reads command lines
 * under their deadlines and hands them to {@link SmtpCommands}, which keeps the protocol state. It
 * serves connections that must wait in the queue, the implicit-TLS port, and sessions an event loop
 * handed over mid-stream before a command that blocks (see {@link LoopSession}).
 *
 * <p>Admission: the session takes a processing permit from the {@link AdmissionQueue} before its 220
 * greeting and keeps it through its first message; each later message takes a permit again at DATA,
 * before the 354. While it waits nothing is sent; past the queue timeout the client gets 421.
 *
 * <p>Replies are buffered and flushed only when the client has sent nothing further, so a pipelining
 * client gets its replies in one packet. A command is processed under {@link #busy}, which shutdown
 * takes to tell an idle session goodbye without cutting a transaction in half.
 */
final class SmtpSession implements Runnable, InboundSession {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    private final SmtpConnection conn;
    private final SmtpServices services;
    private final SmtpSettings settings;
    private final String hostname;
    private final Tracker tracker;
    private final ReentrantLock busy = new ReentrantLock();
    private final String remoteIp;
    private final boolean implicitTls;
    private final boolean screened;
    private final SessionPermit permit;
    private final AtomicBoolean saidGoodbye = new AtomicBoolean();
    private long sessionEnd;
    private SmtpCommands commands;
    /** A command an event loop read and handed over with the session, to run first. */
    private String handedLine;
    private volatile Thread thread;
    private volatile boolean admitted;
    private volatile boolean closing;

    /**
     * A new connection. {@code screened}: the sender policy has already let it in (an event loop's
     * acceptor found no free permit and sent it here to wait in the queue).
     */
    SmtpSession(Socket socket, SmtpServices services, boolean implicitTls, boolean screened, Tracker tracker) {
        this.conn = new SmtpConnection(socket);
        this.implicitTls = implicitTls;
        this.screened = screened;
        this.services = services;
        this.settings = services.settings();
        this.hostname = services.hostname();
        this.tracker = tracker;
        this.remoteIp = conn.remoteIp();
        this.permit = new SessionPermit(services, conn);
    }

    /**
     * A session an event loop hands over mid-stream, before {@code line}, a command that may block
     * (see {@link SmtpCommands#blocks}); the connection has already left the loop.
     */
    SmtpSession(SmtpConnection conn, SmtpCommands commands, SessionPermit permit, long sessionEnd, String line,
                SmtpServices services, Tracker tracker) {
        this.conn = conn;
        this.commands = commands;
        this.permit = permit;
        this.sessionEnd = sessionEnd;
        this.handedLine = line;
        this.implicitTls = false;
        this.screened = true;
        this.services = services;
        this.settings = services.settings();
        this.hostname = services.hostname();
        this.tracker = tracker;
        this.remoteIp = conn.remoteIp();
        this.admitted = true;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            if (commands == null) { // a new connection, not one handed over by an event loop
                if (!admit()) {
                    return;
                }
                conn.open(implicitTls ? services.tls() : null, (int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()),
                        services.deadlines());
                sessionEnd = System.nanoTime() + settings.sessionTimeout().toNanos();
                commands = new SmtpCommands(conn, services, permit, sessionEnd);
                conn.reply(greeting(hostname));
                conn.flush();
            }
            loop();
        } catch (SmtpInput.DeadlineException e) {
            reject(deadlineMissed(e.reason, services));
        } catch (SocketTimeoutException e) {
            reject(deadlineMissed(SmtpInput.Reason.IDLE, services));
        } catch (InterruptedException e) {
            log.debug("shutdown while {} waited for capacity", remoteIp);
        } catch (SocketException | EOFException e) {
            log.debug("client {} went away: {}", remoteIp, e.getMessage());
        } catch (IOException e) {
            log.debug("session with {} ended: {}", remoteIp, e.toString());
        } catch (RuntimeException e) {
            String incident = SmtpText.incident();
            log.error("incident {}: SMTP session with {} failed", incident, remoteIp, e);
            quietly("421 4.3.0 Internal error (incident " + incident + "), closing connection");
        } finally {
            permit.release();
            closeConnection();
            tracker.ended(this);
        }
    }

    static String greeting(String hostname) {
        return "220 " + hostname + " ESMTP Mailbin ready";
    }

    /** The 421 for a client that missed a read deadline: silent too long, DATA too slow, or out of session time. */
    static SenderPolicy.Refusal deadlineMissed(SmtpInput.Reason reason, SmtpServices services) {
        String host = services.hostname();
        SmtpSettings settings = services.settings();
        return switch (reason) {
            case SLOW_DATA -> new SenderPolicy.Refusal(421, "slow_data", "421 4.4.2 " + host
                    + " data arriving too slowly (under " + settings.minDataRate() + " bytes/s), closing connection", true);
            case SESSION -> new SenderPolicy.Refusal(421, "session_timeout", "421 4.4.2 " + host + " session time limit ("
                    + SmtpText.seconds(settings.sessionTimeout()) + ") reached, closing connection", true);
            case IDLE -> new SenderPolicy.Refusal(421, "idle", "421 4.4.2 " + host + " idle too long, closing connection", true);
        };
    }

    /**
     * Turns away a deny-listed client or one over its rate at once, else waits in the queue for a
     * processing permit; false when the connection was refused and closed.
     */
    private boolean admit() throws InterruptedException, IOException {
        conn.socket().setTcpNoDelay(true);
        SenderPolicy.Refusal refusal = screened ? null : services.senders().atConnect(remoteIp);
        if (refusal != null) {
            services.metrics().rejected(refusal.code(), refusal.reason());
            conn.sayAndClose(refusal.text());
            return false;
        }
        if (!permit.acquire()) {
            return false;
        }
        admitted = true;
        return !closing;
    }

    /** Tells the client why it is turned away, counts it, and closes the connection. */
    private void reject(SenderPolicy.Refusal r) {
        services.metrics().rejected(r.code(), r.reason());
        quietly(r.text());
    }

    private void loop() throws IOException {
        while (!closing) {
            String line = handedLine;
            handedLine = null;
            try {
                if (line == null) {
                    line = conn.readCommand(SmtpCommands.MAX_COMMAND_LINE, settings.idleTimeout().toNanos(), sessionEnd);
                }
            } catch (SmtpInput.LineTooLongException e) {
                if (commands.error("500 5.5.6 Command line too long (limit " + SmtpCommands.MAX_COMMAND_LINE + " bytes)")) {
                    return;
                }
                commands.flushUnlessPipelined();
                continue;
            }
            if (line == null) {
                return;
            }
            busy.lock();
            try {
                if (closing || !commands.handle(line)) {
                    return;
                }
                commands.flushUnlessPipelined();
            } finally {
                busy.unlock();
            }
        }
        goodbye(); // shutdown began while this session was busy: it says goodbye itself
    }

    /**
     * Says the shutdown goodbye once, from whichever thread gets here first: the session's or the
     * shutdown's. Writing it and closing the connection share one lock, so neither thread closes the
     * connection while the other is still writing the goodbye.
     */
    private void goodbye() {
        synchronized (saidGoodbye) {
            if (saidGoodbye.compareAndSet(false, true)) {
                quietly("421 4.3.2 " + hostname + " shutting down, try again later");
            }
        }
    }

    private void closeConnection() {
        synchronized (saidGoodbye) {
            conn.close();
        }
    }

    @Override
    public void shutdown(long graceMillis) {
        closing = true;
        if (!admitted) { // still queued: stop waiting, say goodbye before any greeting
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
            if (saidGoodbye.compareAndSet(false, true)) {
                conn.sayAndClose("421 4.3.2 " + hostname + " shutting down, try again later");
            }
            return;
        }
        boolean idle = false;
        try {
            idle = busy.tryLock(graceMillis, TimeUnit.MILLISECONDS);
            if (idle) {
                goodbye();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
            if (idle) {
                busy.unlock();
            }
        }
    }

    private void quietly(String line) {
        if (!conn.isOpen()) {
            return;
        }
        try {
            conn.reply(line);
            conn.flush();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; nothing to tell
        }
    }
}
