package io.mailbin.smtp;

import io.mailbin.ingest.Envelope;
import io.mailbin.ingest.Ingest;
import io.mailbin.ingest.MessageIds;
import io.mailbin.ingest.Receipt;
import io.mailbin.mail.EmailAddress;
import io.mailbin.mail.InvalidAddressException;
import io.mailbin.store.StoreUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP commands of one session and the state they keep: HELO/EHLO, STARTTLS and AUTH for the
 * session, MAIL → RCPT… → DATA for each transaction, each answered with an RFC 3463 enhanced code.
 * {@link SmtpSession} (a thread per session, blocking reads) or {@link LoopSession} (on an event loop)
 * runs the connection around it: admission, reading, timeouts, shutdown. On a loop DATA is split in
 * three: {@link #handle} says 354, the loop reads the message and calls {@link #dataRead}, and once
 * ingest has stored it, {@link #stored}.
 */
final class SmtpCommands {
    private static final Logger log = LoggerFactory.getLogger(SmtpCommands.class);
    static final int MAX_COMMAND_LINE = 2048;

    private final SmtpConnection conn;
    private final SmtpServices services;
    private final SmtpSettings settings;
    private final String hostname;
    private final Ingest ingest;
    private final SessionPermit permit;
    private final String remoteIp;
    private final String localIp;
    private final long sessionEnd;
    private int errors;

    private String helo;
    private boolean extended;
    private String authUser;
    private String mailFrom;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private long declaredSize;
    private String dataTxid;
    private Instant dataArrived;
    private RawBuffer dataRaw;
    /** A 250 for accepted mail is still in the output buffer. */
    private boolean acceptedUnsent;

    SmtpCommands(SmtpConnection conn, SmtpServices services, SessionPermit permit, long sessionEnd) {
        this.conn = conn;
        this.services = services;
        this.settings = services.settings();
        this.hostname = services.hostname();
        this.ingest = services.ingest();
        this.permit = permit;
        this.remoteIp = conn.remoteIp();
        this.localIp = conn.localIp();
        this.sessionEnd = sessionEnd;
    }

    /**
     * Whether {@code line} would block its thread: STARTTLS and AUTH (a handshake, a dialogue), and a
     * DATA that must wait in the admission queue. An event loop hands the session to a thread before
     * such a command. A DATA that can take a free permit at once takes it here, and does not block.
     */
    boolean blocks(String line) {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        if (verb.equalsIgnoreCase("STARTTLS") || verb.equalsIgnoreCase("AUTH")) {
            return true;
        }
        // exactly the conditions under which data() waits for a permit
        boolean dataStarts = verb.equalsIgnoreCase("DATA") && (space < 0 || line.substring(space + 1).trim().isEmpty())
                && !recipients.isEmpty();
        return dataStarts && !permit.held() && !permit.tryAcquire();
    }

    /** Returns false when the session should end. */
    boolean handle(String line) throws IOException {
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
                repliesSent();
                yield false;
            }
            case "VRFY" -> reply("252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
            case "HELP" -> reply("214 2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP");
            case "STARTTLS" -> startTls(arg);
            case "AUTH" -> auth(arg);
            case "EXPN", "TURN", "ETRN", "BDAT" -> !error("502 5.5.1 " + verb + " not implemented");
            case "" -> !error("500 5.5.2 Empty command");
            default -> !error("500 5.5.2 Command unrecognized: " + SmtpText.printable(verb));
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
        reply("250-" + hostname + " greets " + SmtpText.printable(domain));
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
            log.debug("{} authenticated as {}", remoteIp, SmtpText.printable(authUser));
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
                    return !error("555 5.5.4 Unsupported MAIL parameter " + SmtpText.printable(p.getKey()));
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
        if (!permit.held()) { // a later message of this session queues again, its client told nothing meanwhile
            conn.flush();
            try {
                if (!permit.acquire()) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        dataTxid = MessageIds.transactionId();
        dataArrived = Instant.now();
        String protocol = extended ? "ESMTP" + (conn.isTls() ? "S" : "") + (authUser != null ? "A" : "") : "SMTP"; // RFC 3848
        // sized for the declared SIZE, else for typical test mail (a few KB), so most messages never regrow
        long expected = declaredSize > 0 ? declaredSize + 1024 : 8192;
        dataRaw = new RawBuffer((int) Math.min(expected, settings.maxMessageSize() + 1024));
        dataRaw.write(ReceivedHeader.build(helo, remoteIp, hostname, protocol, dataTxid,
                recipients.size() == 1 ? recipients.getFirst().address() : null, dataArrived.atZone(ZoneOffset.UTC)));
        reply("354 End data with <CR><LF>.<CR><LF>");
        conn.flush();
        if (!conn.blocking()) {
            return true; // the event loop reads the message, then calls dataRead and stored
        }
        Message message = dataRead(conn.readData(dataRaw, settings.maxMessageSize(), settings.maxLineLength(),
                settings.idleTimeout().toNanos(), settings.minDataRate(), sessionEnd));
        if (message != null) {
            Receipt receipt;
            try {
                receipt = ingest.accept(message.envelope(), message.raw());
            } catch (RuntimeException e) {
                stored(message, null, e);
                return true;
            }
            stored(message, receipt, null);
        }
        return true;
    }

    /** A message read in full, for ingest. */
    record Message(Envelope envelope, byte[] raw) {}

    /** After a 354: the buffer the message is read into, with our Received header already in it; else null. */
    RawBuffer dataPending() {
        return dataRaw;
    }

    /**
     * The message after DATA has been read to its terminator: returns it for ingest, or null when it was
     * refused (the reply is queued and the transaction is over).
     */
    Message dataRead(SmtpInput.Data outcome) throws IOException {
        RawBuffer raw = dataRaw;
        dataRaw = null;
        if (outcome == SmtpInput.Data.OK) {
            return new Message(new Envelope(dataTxid, helo, mailFrom, recipients, remoteIp, localIp, conn.isTls(), dataArrived),
                    raw.toByteArray());
        }
        if (outcome == SmtpInput.Data.LINE_TOO_LONG) {
            services.metrics().rejected(552, "line_length");
            reply("552 5.3.4 Message has a line longer than " + settings.maxLineLength() + " bytes");
        } else {
            services.metrics().rejected(552, "message_size");
            reply("552 5.3.4 Message size exceeds fixed maximum message size of " + settings.maxMessageSize() + " bytes");
        }
        endTransaction();
        return null;
    }

    /** What ingest made of {@code message}: queues the 250, or the 451 or 554, and ends the transaction. */
    void stored(Message message, Receipt receipt, RuntimeException failure) throws IOException {
        try {
            if (failure == null) {
                services.metrics().accepted();
                acceptedUnsent = true;
                reply("250 2.0.0 Ok: queued as " + receipt.transactionId());
            } else if (failure instanceof StoreUnavailableException) {
                log.warn("message from {} not stored, sender told to retry: {}", remoteIp, failure.getMessage());
                services.metrics().rejected(451, "store_unavailable");
                reply("451 4.3.0 Temporary storage failure, please try again later");
            } else {
                String incident = SmtpText.incident();
                log.error("incident {}: message {} from {} failed in ingest", incident, message.envelope().transactionId(),
                        remoteIp, failure);
                services.metrics().rejected(554, "internal_error");
                reply("554 5.3.0 Internal error (incident " + incident + ")");
            }
        } finally {
            endTransaction();
        }
    }

    private void endTransaction() {
        resetTransaction();
        permit.release(); // the next message of this session queues again
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
    boolean error(String reply) throws IOException {
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

    /** Sends the replies so far unless the client is pipelining more commands. */
    void flushUnlessPipelined() throws IOException {
        if (conn.flushUnlessPipelined()) {
            repliesSent();
        }
    }

    /**
     * The replies so far are on their way: if one is a 250 for accepted mail, ingest may now do what it
     * put off so as not to delay that answer (web-socket frames).
     */
    private void repliesSent() {
        if (acceptedUnsent) {
            acceptedUnsent = false;
            ingest.afterReply();
        }
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

}
