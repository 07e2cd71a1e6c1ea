package io.mailbin.ingest;

import io.mailbin.mail.EmailAddress;
import java.time.Instant;
import java.util.List;

/**
 * What the SMTP session knows about a message apart from its bytes.
 *
 * @param transactionId unique per accepted DATA; message ids are derived from it
 * @param mailFrom      reverse path, empty for a null sender ({@code MAIL FROM:<>})
 * @param remoteIp      the client's IP (the message's {@code ip})
 * @param localIp       the IP the client connected to (the message's {@code via})
 * @param tls           whether the transaction ran over TLS (the message's {@code rtls})
 */
public record Envelope(
        String transactionId,
        String helo,
        String mailFrom,
        List<EmailAddress> recipients,
        String remoteIp,
        String localIp,
        boolean tls,
        Instant arrived) {

    public Envelope {
        recipients = List.copyOf(recipients);
    }
}
