package io.mailbin.smtp;

import io.mailbin.ingest.Envelope;
import io.mailbin.ingest.Ingest;
import io.mailbin.ingest.MessageIds;
import io.mailbin.ingest.Receipt;
import io.mailbin.mail.EmailAddress;
import io.mailbin.mail.InvalidAddressException;
import io.mailbin.store.StoreUnavailableException;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection, run on its own virtual thread: waits for admission, then reads commands, keeps
 * the transaction state (HELO → MAIL → RCPT… → DATA) and answers with RFC 3463 enhanced status codes.
 *
 * <p>Admission: the session takes a processing permit from the {@link AdmissionQueue} before its 220
 * greeting and keeps it through its first message; each later message takes a permit again at DATA,
 * before the 354. While it waits nothing is sent; past the queue timeout the client gets 421.
 *
 * <p>Replies are buffered and flushed only when the client has sent nothing further, so a pipelining
 * client gets its replies in one packet. A command is processed under {@link #busy}, which shutdown
 * takes to tell an idle session goodbye without cutting a transaction in half.
 */
final class SmtpSession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);
    static final int MAX_COMMAND_LINE = 2048;

    private final SmtpConnection conn;
    private final SmtpServices services;
    private final SmtpSettings settings;
    private final String hostname;
    private final Ingest ingest;
    private final Consumer<SmtpSession> onEnd;
    private final ReentrantLock busy = new ReentrantLock();
    private final String remoteIp;
    private final String localIp;

    private final boolean implicitTls;
    private long sessionEnd;
    private volatile Thread thread;
    private volatile boolean admitted;
    private AdmissionQueue.Permit permit;
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicBoolean saidGoodbye = new java.util.concurrent.atomic.AtomicBoolean();
    private int errors;

    private String helo;
    private boolean extended;
    private String authUser;
    private String mailFrom;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private long declaredSize;

    SmtpSession(Socket socket, SmtpServices services, boolean implicitTls, Consumer<SmtpSession> onEnd) {
        this.conn = new SmtpConnection(socket);
        this.implicitTls = implicitTls;
        this.services = services;
        this.settings = services.settings();
        this.hostname = services.hostname();
        this.ingest = services.ingest();
        this.onEnd = onEnd;
        this.remoteIp = conn.remoteIp();
        this.localIp = conn.localIp();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            if (!admit()) {
                return;
            }
            conn.open(implicitTls ? services.tls() : null, handshakeMillis());
            sessionEnd = System.nanoTime() + settings.sessionTimeout().toNanos();
            reply("220 " + hostname + " ESMTP Mailbin ready");
            conn.flush();
            loop();
        } catch (SmtpInput.DeadlineException e) {
            switch (e.reason) {
                case SLOW_DATA -> reject(421, "slow_data", "421 4.4.2 " + hostname + " data arriving too slowly (under "
                        + settings.minDataRate() + " bytes/s), closing connection");
                case SESSION -> reject(421, "session_timeout", "421 4.4.2 " + hostname + " session time limit ("
                        + seconds(settings.sessionTimeout()) + ") reached, closing connection");
                default -> reject(421, "idle", "421 4.4.2 " + hostname + " idle too long, closing connection");
            }
        } catch (SocketTimeoutException e) {
            reject(421, "idle", "421 4.4.2 " + hostname + " idle too long, closing connection");
        } catch (InterruptedException e) {
            log.debug("shutdown while {} waited for capacity", remoteIp);
        } catch (SocketException | EOFException e) {
            log.debug("client {} went away: {}", remoteIp, e.getMessage());
        } catch (IOException e) {
            log.debug("session with {} ended: {}", remoteIp, e.toString());
        } catch (RuntimeException e) {
            String incident = incident();
            log.error("incident {}: SMTP session with {} failed", incident, remoteIp, e);
            quietly("421 4.3.0 Internal error (incident " + incident + "), closing connection");
        } finally {
            releasePermit();
            conn.close();
            onEnd.accept(this);
        }
    }

    /** Waits in the queue for a processing permit; false when the connection was refused and closed. */
    private boolean admit() throws InterruptedException, IOException {
        conn.socket().setTcpNoDelay(true);
        SenderPolicy.Refusal refusal = services.senders().atConnect(remoteIp);
        if (refusal != null) {
            refuse(refusal);
            return false;
        }
        permit = services.queue().acquire();
        if (permit == null) {
            queueTimeout();
            return false;
        }
        admitted = true;
        return !closing;
    }

    private void queueTimeout() {
        services.metrics().rejected(421, "queue_timeout");
        conn.sayAndClose("421 4.7.0 " + hostname + " is busy: no capacity became free within "
                + seconds(services.queue().timeout()) + ", try again later");
    }

    /** Turns the client away before or outside a transaction: counted, said, connection closed. */
    private void refuse(SenderPolicy.Refusal r) {
        services.metrics().rejected(r.code(), r.reason());
        conn.sayAndClose(r.text());
    }

    /** Refuses a command; returns false (end the session) when the refusal closes the connection. */
    private boolean refuseCommand(SenderPolicy.Refusal r) throws IOException {
        services.metrics().rejected(r.code(), r.reason());
        reply(r.text());
        if (r.closes()) {
            conn.flush();
            return false;
        }
        return true;
    }

    private void releasePermit() {
        if (permit != null) {
            permit.close();
            permit = null;
        }
    }

    /** Tells the client why it is turned away, counts it, and closes the connection. */
    private void reject(int code, String reason, String line) {
        services.metrics().rejected(code, reason);
        quietly(line);
    }

    private void loop() throws IOException {
        while (!closing) {
            String line;
            try {
                line = conn.readCommand(MAX_COMMAND_LINE, settings.idleTimeout().toNanos(), sessionEnd);
            } catch (SmtpInput.LineTooLongException e) {
                line = null;
                if (error("500 5.5.6 Command line too long (limit " + MAX_COMMAND_LINE + " bytes)")) {
                    return;
                }
                flushUnlessPipelined();
                continue;
            }
            if (line == null) {
                return;
            }
            busy.lock();
            try {
                if (closing || !handle(line)) {
                    return;
                }
                flushUnlessPipelined();
            } finally {
                busy.unlock();
            }
        }
        goodbye(); // shutdown began while this session was busy: it says goodbye itself
    }

    private void goodbye() {
        if (saidGoodbye.compareAndSet(false, true)) {
            quietly("421 4.3.2 " + hostname + " shutting down, try again later");
        }
    }

    /** Returns false when the session should end. */
    private boolean handle(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String arg = space < 0 ? "" : line.substring(space + 1).trim();
        return switch (verb) {
            case "EHLO" -> hello(arg, true);
            case "HELO" -> hello(arg, false);
            case "MAIL" -> mail(arg);
            case "RCPT" -> rcpt(arg);
            case "DATA" -> data(arg);
            case "RSET" -> {
                resetTransaction();
                yield reply("250 2.0.0 Ok");
            }
            case "NOOP" -> reply("250 2.0.0 Ok");
            case "QUIT" -> {
                reply("221 2.0.0 " + hostname + " closing connection");
                conn.flush();
                yield false;
            }
            case "VRFY" -> reply("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
            case "HELP" -> reply("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP");
            case "STARTTLS" -> startTls(arg);
            case "AUTH" -> auth(arg);
            case "EXPN", "TURN", "ETRN", "BDAT" -> !error("502 5.5.1 " + verb + " not implemented");
            case "" -> !error("500 5.5.2 Empty command");
            default -> !error("500 5.5.2 Command unrecognized: " + printable(verb));
        };
    }

    private boolean hello(String domain, boolean ehlo) throws IOException {
        if (domain.isEmpty()) {
            return !error("501 5.5.4 " + (ehlo ? "EHLO" : "HELO") + " requires a domain or address literal");
        }
        SenderPolicy.Refusal refusal = services.senders().atHelo(domain);
        if (refusal != null) {
            return refuseCommand(refusal);
        }
        resetTransaction();
        helo = domain;
        extended = ehlo;
        if (!ehlo) {
            return reply("250 " + hostname);
        }
        reply("250-" + hostname + " greets " + printable(domain));
        reply("250-PIPELINING");
        reply("250-SIZE " + settings.maxMessageSize());
        reply("250-8BITMIME");
        reply("250-SMTPUTF8");
        if (!conn.isTls()) {
            reply("250-STARTTLS");
        }
        if (authOffered()) {
            reply("250-AUTH PLAIN LOGIN");
        }
        return reply("250 ENHANCEDSTATUSCODES");
    }

    /** AUTH is never offered over plain text unless --smtp-auth-insecure: the password would travel in clear. */
    private boolean authOffered() {
        return settings.auth().mode() != AuthSettings.Mode.OFF && (conn.isTls() || settings.auth().insecure());
    }

    private boolean auth(String arg) throws IOException {
        if (settings.auth().mode() == AuthSettings.Mode.OFF) {
            return !error("502 5.5.1 AUTH not available");
        }
        if (!authOffered()) {
            return !error("538 5.7.11 Encryption required for requested authentication mechanism");
        }
        if (helo == null || !extended) {
            return !error("503 5.5.1 Send EHLO first");
        }
        if (authUser != null) {
            return !error("503 5.5.1 Already authenticated");
        }
        if (mailFrom != null) {
            return !error("503 5.5.1 AUTH not permitted during a mail transaction");
        }
        AuthExchange.Outcome o = new AuthExchange(conn, services.authenticator(), settings.idleTimeout().toNanos(), sessionEnd)
                .run(arg);
        if (o.user() != null) {
            authUser = o.user();
            log.debug("{} authenticated as {}", remoteIp, printable(authUser));
            return true;
        }
        if (++errors >= settings.maxErrors()) {
            services.metrics().rejected(421, "too_many_errors");
            reply("421 4.7.0 " + hostname + " too many errors, closing connection");
            conn.flush();
            return false;
        }
        return true;
    }

    /** RFC 3207: 220, handshake, then a fresh session: the client must say EHLO again, and nothing before counts. */
    private boolean startTls(String arg) throws IOException {
        if (conn.isTls()) {
            return !error("503 5.5.1 TLS already active");
        }
        if (!arg.isEmpty()) {
            return !error("501 5.5.4 STARTTLS takes no arguments");
        }
        reply("220 2.0.0 Ready to start TLS");
        conn.flush();
        try {
            int dropped = conn.startTls(services.tls(), handshakeMillis());
            if (dropped > 0) {
                log.info("dropped {} bytes {} sent in plain text after STARTTLS", dropped, remoteIp);
            }
        } catch (IOException e) {
            log.debug("TLS handshake with {} failed: {}", remoteIp, e.getMessage());
            return false;
        }
        helo = null;
        extended = false;
        authUser = null;
        resetTransaction();
        return true;
    }

    private int handshakeMillis() {
        return (int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis());
    }

    private boolean mail(String arg) throws IOException {
        if (helo == null) {
            return !error("503 5.5.1 Send HELO or EHLO first");
        }
        if (mailFrom != null) {
            return !error("503 5.5.1 Sender already specified");
        }
        if (settings.tls().required() && !conn.isTls()) {
            return !error("530 5.7.0 Must issue a STARTTLS command first");
        }
        MailArguments a = MailArguments.parse(arg, "FROM:");
        if (a == null) {
            return !error("501 5.5.4 Syntax: MAIL FROM:<address>");
        }
        String senderDomain = "";
        if (!a.path().isEmpty()) {
            try {
                senderDomain = EmailAddress.parse(a.path()).domain();
            } catch (InvalidAddressException e) {
                return !error("553 5.1.7 Bad sender address syntax: " + e.getMessage());
            }
        }
        SenderPolicy.Refusal refusal = services.senders().atMail(remoteIp, senderDomain);
        if (refusal != null) {
            return refuseCommand(refusal);
        }
        for (var p : a.params().entrySet()) {
            switch (p.getKey()) {
                case "SIZE" -> {
                    long size = parseSize(p.getValue());
                    if (size < 0) {
                        return !error("501 5.5.4 Bad SIZE parameter");
                    }
                    if (size > settings.maxMessageSize()) {
                        services.metrics().rejected(552, "message_size");
                        return reply("552 5.3.4 Message size exceeds fixed maximum message size of "
                                + settings.maxMessageSize() + " bytes");
                    }
                    declaredSize = size;
                }
                case "BODY", "SMTPUTF8", "AUTH", "RET", "ENVID" -> { }
                default -> {
                    return !error("555 5.5.4 Unsupported MAIL parameter " + printable(p.getKey()));
                }
            }
        }
        mailFrom = a.path();
        return reply("250 2.1.0 Sender ok");
    }

    private boolean rcpt(String arg) throws IOException {
        if (mailFrom == null) {
            return !error("503 5.5.1 Need MAIL before RCPT");
        }
        MailArguments a = MailArguments.parse(arg, "TO:");
        if (a == null) {
            return !error("501 5.5.4 Syntax: RCPT TO:<address>");
        }
        String path = a.path().equalsIgnoreCase("postmaster") ? "postmaster@" + hostname : a.path();
        EmailAddress address;
        try {
            address = EmailAddress.parse(path);
        } catch (InvalidAddressException e) {
            return !error("553 5.1.3 Bad recipient address syntax: " + e.getMessage());
        }
        if (recipients.size() >= settings.maxRecipients()) {
            services.metrics().rejected(452, "too_many_recipients");
            return reply("452 4.5.3 Too many recipients (limit " + settings.maxRecipients() + " per message)");
        }
        recipients.add(address);
        return reply("250 2.1.5 Recipient ok");
    }

    private boolean data(String arg) throws IOException {
        if (!arg.isEmpty()) {
            return !error("501 5.5.4 DATA takes no arguments");
        }
        if (recipients.isEmpty()) {
            return !error("553 5.5.1 No valid recipients: send RCPT TO first");
        }
        if (permit == null) { // a later message of this session queues again, its client told nothing meanwhile
            conn.flush();
            try {
                permit = services.queue().acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (permit == null) {
                queueTimeout();
                return false;
            }
        }
        String txid = MessageIds.transactionId();
        Instant arrived = Instant.now();
        String protocol = extended ? "ESMTP" + (conn.isTls() ? "S" : "") + (authUser != null ? "A" : "") : "SMTP"; // RFC 3848
        RawBuffer raw = new RawBuffer((int) Math.min(declaredSize + 1024, settings.maxMessageSize() + 1024));
        raw.write(ReceivedHeader.build(helo, remoteIp, hostname, protocol, txid,
                recipients.size() == 1 ? recipients.getFirst().address() : null, arrived.atZone(ZoneOffset.UTC)));
        reply("354 End data with <CR><LF>.<CR><LF>");
        conn.flush();
        SmtpInput.Data data = conn.readData(raw, settings.maxMessageSize(), settings.maxLineLength(),
                settings.idleTimeout().toNanos(), settings.minDataRate(), sessionEnd);
        try {
            if (data == SmtpInput.Data.LINE_TOO_LONG) {
                services.metrics().rejected(552, "line_length");
                return reply("552 5.3.4 Message has a line longer than " + settings.maxLineLength() + " bytes");
            }
            if (data == SmtpInput.Data.TOO_BIG) {
                services.metrics().rejected(552, "message_size");
                return reply("552 5.3.4 Message size exceeds fixed maximum message size of "
                        + settings.maxMessageSize() + " bytes");
            }
            Envelope envelope = new Envelope(txid, helo, mailFrom, recipients, remoteIp, localIp, conn.isTls(), arrived);
            Receipt receipt = ingest.accept(envelope, raw.toByteArray());
            services.metrics().accepted();
            return reply("250 2.0.0 Ok: queued as " + receipt.transactionId());
        } catch (StoreUnavailableException e) {
            log.warn("message from {} not stored, sender told to retry: {}", remoteIp, e.getMessage());
            services.metrics().rejected(451, "store_unavailable");
            return reply("451 4.3.0 Temporary storage failure, please try again later");
        } catch (RuntimeException e) {
            String incident = incident();
            log.error("incident {}: message {} from {} failed in ingest", incident, txid, remoteIp, e);
            services.metrics().rejected(554, "internal_error");
            return reply("554 5.3.0 Internal error (incident " + incident + ")");
        } finally {
            resetTransaction();
            releasePermit(); // the next message of this session queues again
        }
    }

    private void resetTransaction() {
        mailFrom = null;
        recipients.clear();
        declaredSize = 0;
    }

    private static long parseSize(String value) {
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(value);
    }

    /** Sends an error reply; returns true when the client has now made too many errors and is disconnected. */
    private boolean error(String reply) throws IOException {
        reply(reply);
        if (++errors >= settings.maxErrors()) {
            services.metrics().rejected(421, "too_many_errors");
            reply("421 4.7.0 " + hostname + " too many errors, closing connection");
            conn.flush();
            return true;
        }
        return false;
    }

    private boolean reply(String line) throws IOException {
        conn.reply(line);
        return true;
    }

    private void flushUnlessPipelined() throws IOException {
        conn.flushUnlessPipelined();
    }

    /**
     * Says goodbye with 421 once the session is between commands, waiting up to {@code graceMillis} for a
     * transaction in progress to finish; then closes the connection either way.
     */
    void shutdown(long graceMillis) {
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
            conn.close();
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
            reply(line);
            conn.flush();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; nothing to tell
        }
    }

    static String seconds(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String incident() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
