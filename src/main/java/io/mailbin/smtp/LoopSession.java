package io.mailbin.smtp;

import io.mailbin.ingest.Receipt;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP session on an {@link SmtpLoop}: the same {@link SmtpCommands} a session thread runs, driven
 * by readiness events instead of blocking reads. Everything here runs on the loop thread, except
 * {@link #shutdown}, which only posts to it.
 *
 * <p>The session reads commands and DATA from what the loop received ({@link SmtpInput}'s push side,
 * the same rules as a blocking read), and while ingest stores a message it reads nothing more, so
 * replies keep their order under pipelining. Replies the socket cannot take yet stop the reading too,
 * until they are sent: a client that never reads cannot make us buffer without end.
 */
final class LoopSession implements InboundSession {
    private static final Logger log = LoggerFactory.getLogger(LoopSession.class);

    private enum State {
        /** Reading command lines. */
        COMMANDS,
        /** Reading the message after a 354. */
        DATA,
        /** Ingest has the message; nothing is read until its reply is queued. */
        STORING,
        /** Closed, or handed to a thread. */
        GONE
    }

    private final SmtpLoop loop;
    private final SmtpConnection conn;
    private final SmtpInput in;
    private final SmtpServices services;
    private final SmtpSettings settings;
    private final SessionPermit permit;
    private final SmtpCommands commands;
    private final Tracker tracker;
    private final long sessionEnd;
    private final CountDownLatch ended = new CountDownLatch(1);
    private SelectionKey key;
    private State state = State.COMMANDS;
    private String handedLine;
    private volatile boolean closing;

    LoopSession(SmtpLoop loop, SmtpConnection conn, SessionPermit permit, SmtpServices services, Tracker tracker) {
        this.loop = loop;
        this.conn = conn;
        this.in = conn.in();
        this.permit = permit;
        this.services = services;
        this.settings = services.settings();
        this.tracker = tracker;
        this.sessionEnd = System.nanoTime() + settings.sessionTimeout().toNanos();
        this.commands = new SmtpCommands(conn, services, permit, sessionEnd);
    }

    /** On the loop thread: joins the loop and greets the client. */
    void start() {
        try {
            key = conn.channel().register(loop.selector(), SelectionKey.OP_READ, this);
            loop.added(this);
            if (closing) {
                goodbye();
                return;
            }
            conn.reply(SmtpSession.greeting(services.hostname()));
            conn.flush();
            expectCommand();
            interest();
        } catch (IOException e) {
            gone(e);
        } catch (RuntimeException e) {
            incident(e);
        }
    }

    /** The selector found the session's socket ready. */
    static void ready(SelectionKey key) {
        ((LoopSession) key.attachment()).onReady(key);
    }

    private void onReady(SelectionKey k) {
        try {
            if (k.isWritable()) {
                conn.flush();
            }
            if (k.isReadable() && state == State.STORING) {
                interest(); // a pipelining client sent more before our 250: read it after that
                return;
            }
            if (k.isReadable() && (state == State.COMMANDS || state == State.DATA) && !in.hasBuffered()) {
                int n = in.readFrom(conn.channel());
                if (n < 0) {
                    endOfInput();
                    return;
                }
            }
            advance();
        } catch (IOException e) {
            gone(e);
        } catch (RuntimeException e) {
            incident(e);
        }
    }

    /** Runs what the received input holds, as far as the protocol allows, then waits for the socket. */
    private void advance() throws IOException {
        while ((state == State.COMMANDS || state == State.DATA) && !conn.outputPending()) {
            if (state == State.DATA) {
                SmtpInput.Data outcome = in.pollData();
                if (outcome == null) {
                    break;
                }
                SmtpCommands.Message message = commands.dataRead(outcome);
                if (message != null) {
                    store(message);
                    return;
                }
                state = State.COMMANDS;
                expectCommand();
                commands.flushUnlessPipelined();
                continue;
            }
            String line;
            try {
                line = in.pollLine(SmtpCommands.MAX_COMMAND_LINE);
            } catch (SmtpInput.LineTooLongException e) {
                if (commands.error("500 5.5.6 Command line too long (limit " + SmtpCommands.MAX_COMMAND_LINE + " bytes)")) {
                    close();
                    return;
                }
                expectCommand();
                commands.flushUnlessPipelined();
                continue;
            }
            if (line == null) {
                break;
            }
            if (!handle(line)) {
                return;
            }
        }
        interest();
    }

    /** Runs one command; false when the session has ended or left the loop. */
    private boolean handle(String line) throws IOException {
        if (closing) {
            goodbye();
            return false;
        }
        if (commands.blocks(line)) {
            handOff(line);
            return false;
        }
        if (!commands.handle(line)) {
            close(); // QUIT, or a refusal that hangs up: the reply is already flushed
            return false;
        }
        RawBuffer data = commands.dataPending();
        if (data != null) { // the 354 is out: the message comes next
            state = State.DATA;
            in.deadline(SmtpInput.Deadline.data(settings.idleTimeout().toNanos(), settings.minDataRate(), sessionEnd));
            in.beginData(data, settings.maxMessageSize(), settings.maxLineLength());
            return true;
        }
        expectCommand();
        commands.flushUnlessPipelined();
        return true;
    }

    private void expectCommand() {
        in.deadline(SmtpInput.Deadline.command(settings.idleTimeout().toNanos(), sessionEnd));
    }

    /**
     * Hands the message to ingest, which completes once the store has committed it. Parsing and scoring
     * a message of up to {@link #PARSE_ON_LOOP} bytes takes tens of microseconds and runs right here, so
     * the message goes to the store's writer without a thread hand-off; a larger one is parsed on a
     * virtual thread, so that one big message never stalls the loop's other sessions.
     */
    private void store(SmtpCommands.Message message) {
        state = State.STORING; // reading stays on until the client sends anything (see onReady): most wait for the 250
        if (message.raw().length <= PARSE_ON_LOOP) {
            storeAsync(message);
        } else {
            Thread.ofVirtual().name("smtp-ingest").start(() -> storeAsync(message));
        }
    }

    static final int PARSE_ON_LOOP = 64 * 1024;

    private void storeAsync(SmtpCommands.Message message) {
        services.ingest().acceptAsync(message.envelope(), message.raw()).whenComplete((receipt, error) -> {
            RuntimeException failure = error == null ? null
                    : error instanceof CompletionException c && c.getCause() instanceof RuntimeException r ? r
                    : error instanceof RuntimeException r ? r : new IllegalStateException(error);
            loop.execute(() -> stored(message, receipt, failure));
        });
    }

    private void stored(SmtpCommands.Message message, Receipt receipt, RuntimeException failure) {
        if (state != State.STORING) {
            return; // closed meanwhile: the shutdown's grace ran out
        }
        try {
            commands.stored(message, receipt, failure);
            state = State.COMMANDS;
            if (closing) {
                goodbye();
                return;
            }
            expectCommand();
            commands.flushUnlessPipelined();
            advance();
        } catch (IOException e) {
            gone(e);
        } catch (RuntimeException e) {
            incident(e);
        }
    }

    /**
     * Reads only when everything received has been taken and every reply sent; writes while replies wait.
     * (Each change is a system call, so a session storing a message keeps its interest in reading until
     * the client actually sends something, which most clients do only after the 250.)
     */
    private void interest() {
        int ops = conn.outputPending() ? SelectionKey.OP_WRITE
                : state == State.COMMANDS || state == State.DATA ? SelectionKey.OP_READ : 0;
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** The client closed its side: a last unterminated command still runs, as a session thread would run it. */
    private void endOfInput() throws IOException {
        if (state == State.COMMANDS) {
            try {
                String tail = in.endOfInput();
                if (tail != null && !closing && !commands.blocks(tail) && commands.handle(tail)) {
                    conn.flush();
                }
            } catch (SmtpInput.LineTooLongException ignored) {
                // nobody is left to tell
            }
        }
        log.debug("client {} went away", conn.remoteIp());
        close();
    }

    /** Called by the loop every tick: a client past its read deadline is told why and disconnected. */
    void checkDeadline(long now) {
        if (state != State.COMMANDS && state != State.DATA) {
            return; // our own work is never held against the client
        }
        long due = in.due();
        if (due != Long.MAX_VALUE && now - due >= 0) {
            SenderPolicy.Refusal r = SmtpSession.deadlineMissed(in.missed(), services);
            services.metrics().rejected(r.code(), r.reason());
            sayAndClose(r.text());
        }
    }

    /**
     * Moves the session to a thread of its own before {@code line}, which may block. The connection
     * leaves the loop at the end of this round ({@link SmtpLoop#leaveSoon}), then {@link #leave} runs.
     */
    private void handOff(String line) {
        state = State.GONE;
        handedLine = line;
        key.cancel();
        loop.leaveSoon(this);
    }

    /** The second half of {@link #handOff}: the key is gone, so the channel can turn blocking. */
    void leave() {
        loop.removed(this);
        SmtpSession thread = new SmtpSession(conn, commands, permit, sessionEnd, handedLine, services, tracker);
        try {
            conn.leaveLoop(services.deadlines());
        } catch (IOException e) {
            log.debug("client {} went away: {}", conn.remoteIp(), e.getMessage());
            permit.release();
            conn.close();
            tracker.ended(this);
            ended.countDown();
            return;
        }
        tracker.replaced(this, thread);
        ended.countDown();
        if (closing) {
            thread.shutdown(0);
        }
        Thread.ofVirtual().name("smtp-" + conn.remoteIp()).start(thread);
    }

    @Override
    public void shutdown(long graceMillis) {
        closing = true;
        loop.execute(() -> {
            if (state == State.COMMANDS) { // between commands: nothing to finish
                goodbye();
            }
        });
        try {
            if (!ended.await(graceMillis, TimeUnit.MILLISECONDS)) {
                loop.execute(this::close);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void goodbye() {
        sayAndClose("421 4.3.2 " + services.hostname() + " shutting down, try again later");
    }

    private void incident(RuntimeException e) {
        String incident = SmtpText.incident();
        log.error("incident {}: SMTP session with {} failed", incident, conn.remoteIp(), e);
        sayAndClose("421 4.3.0 Internal error (incident " + incident + "), closing connection");
    }

    private void gone(IOException e) {
        log.debug("session with {} ended: {}", conn.remoteIp(), e.toString());
        close();
    }

    /** Best effort: the line goes out if the socket takes it now; the connection closes either way. */
    private void sayAndClose(String line) {
        if (state == State.GONE) {
            return;
        }
        try {
            conn.reply(line);
            conn.flush();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; nothing to tell
        }
        close();
    }

    /** Ends the session: leaves the loop, frees its permit, closes the socket. */
    void close() {
        if (state == State.GONE) {
            return;
        }
        state = State.GONE;
        if (key != null) {
            key.cancel();
        }
        loop.removed(this);
        permit.release();
        conn.close();
        tracker.ended(this);
        ended.countDown();
    }
}
