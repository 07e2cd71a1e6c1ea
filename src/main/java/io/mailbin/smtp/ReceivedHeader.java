package io.mailbin.smtp;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace header Mailbin prepends to every message (RFC 5321 §4.4). Built from what the session knows,
 * with no DNS lookups: the client's own HELO name and its IP literal.
 */
final class ReceivedHeader {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {}

    static byte[] build(String helo, String remoteIp, String hostname, String protocol, String id,
                        String singleRecipient, ZonedDateTime when) {
        StringBuilder b = new StringBuilder(200)
                .append("Received: from ").append(clean(helo)).append(" ([").append(remoteIp).append("])\r\n")
                .append("\tby ").append(hostname).append(" (Mailbin) with ").append(protocol)
                .append(" id ").append(id);
        if (singleRecipient != null) {
            b.append("\r\n\tfor <").append(clean(singleRecipient)).append('>');
        }
        b.append("; ").append(DATE.format(when.withZoneSameInstant(ZoneOffset.UTC))).append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** HELO names and addresses come from the client: keep them on one line and printable. */
    private static String clean(String s) {
        if (s == null || s.isEmpty()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 255));
        for (int i = 0; i < s.length() && b.length() < 255; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == '(' || c == ')' ? '_' : c);
        }
        return b.toString();
    }
}
