package io.mailbin.delivery;

import io.mailbin.ingest.HeaderField;
import io.mailbin.store.OutboxEntry;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The address's {@code forward}: relays the message, as received, through the configured smart host,
 * with two headers on top: one naming the address it was forwarded for, and a loop marker. A message
 * that already carries this server's loop marker is never forwarded again, so two addresses forwarding
 * to each other cannot bounce a message forever.
 */
final class ForwardChannel implements Channel {
    static final String LOOP_HEADER = "X-Mailbin-Loop";
    static final String FORWARDED_HEADER = "X-Mailbin-Forwarded-For";

    private final DeliverySettings.Relay relay;
    private final String hostname;
    private final long timeoutMillis;

    ForwardChannel(DeliverySettings settings) {
        this.relay = settings.relay();
        this.hostname = settings.hostname();
        this.timeoutMillis = settings.timeout().toMillis();
    }

    @Override
    public Outcome deliver(OutboxEntry entry, Letter letter) {
        if (relay == null) {
            return Outcome.giveUp(null, "not forwarded: no smart host is configured (set --relay-host)");
        }
        if (alreadyForwardedHere(letter)) {
            return Outcome.giveUp(null, "not forwarded: this message was already forwarded by " + hostname + " (loop protection)");
        }
        byte[] top = (LOOP_HEADER + ": " + hostname + "\r\n" + FORWARDED_HEADER + ": " + entry.source() + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[top.length + letter.raw().length];
        System.arraycopy(top, 0, bytes, 0, top.length);
        System.arraycopy(letter.raw(), 0, bytes, top.length, letter.raw().length);
        Session session = Session.getInstance(properties());
        try (Transport transport = session.getTransport(relay.tls().equals("tls") ? "smtps" : "smtp")) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(bytes));
            transport.connect(relay.host(), relay.port(), relay.user(), relay.password());
            transport.sendMessage(message, new Address[] {new InternetAddress(entry.target())});
            return Outcome.delivered(250);
        } catch (SMTPAddressFailedException e) {
            return classify(e.getReturnCode(), "the relay refused " + entry.target() + ": " + e.getMessage());
        } catch (SMTPSendFailedException e) {
            return classify(e.getReturnCode(), "the relay refused the message: " + e.getMessage());
        } catch (MessagingException e) {
            return Outcome.retry(null, "relay " + relay.host() + ":" + relay.port() + " failed: " + e.getMessage());
        }
    }

    /** 5xx is permanent, 4xx worth retrying (RFC 5321 §4.2.1). */
    private static Outcome classify(int code, String error) {
        return code >= 500 ? Outcome.giveUp(code, error) : Outcome.retry(code > 0 ? code : null, error);
    }

    private boolean alreadyForwardedHere(Letter letter) {
        for (HeaderField h : letter.headers()) {
            if (h.name().equalsIgnoreCase(LOOP_HEADER) && h.value().trim().toLowerCase(Locale.ROOT).equals(hostname.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private Properties properties() {
        Properties p = new Properties();
        String prefix = relay.tls().equals("tls") ? "mail.smtps." : "mail.smtp.";
        p.put(prefix + "host", relay.host());
        p.put(prefix + "port", String.valueOf(relay.port()));
        p.put(prefix + "from", relay.from());
        p.put(prefix + "connectiontimeout", String.valueOf(timeoutMillis));
        p.put(prefix + "timeout", String.valueOf(timeoutMillis));
        p.put(prefix + "writetimeout", String.valueOf(timeoutMillis));
        p.put(prefix + "localhost", hostname);
        p.put(prefix + "auth", String.valueOf(relay.user() != null));
        if (relay.tls().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    @Override
    public String capKey(OutboxEntry entry) {
        return "relay";
    }
}
