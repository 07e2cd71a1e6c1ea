package io.mailbin.spam;

import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * A message in the structured form the HTTP API accepts. It is scored by building the raw
 * message it stands for and tokenising that, so a check and the equivalent raw message score
 * exactly alike.
 */
public record SpamCheck(String to, String from, String subject, String text) {

    public SpamCheck {
        to = to == null ? "" : to;
        from = from == null ? "" : from;
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
    }

    /** The raw RFC 822 message: fields as headers (RFC 2047 where not ASCII), text as a UTF-8 plain body. */
    public byte[] toRawMessage() {
        var message = new StringBuilder(text.length() + 256);
        field(message, "From", from);
        field(message, "To", to);
        field(message, "Subject", subject);
        message.append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(text);
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder message, String name, String value) {
        if (value.isBlank()) {
            return;
        }
        // line breaks in a field would start new header lines (header injection): flatten them
        String flat = value.replace('\r', ' ').replace('\n', ' ').strip();
        String encoded = EncoderUtil.hasToBeEncoded(flat, 0)
                ? EncoderUtil.encodeEncodedWord(flat, EncoderUtil.Usage.TEXT_TOKEN)
                : flat;
        message.append(name).append(": ").append(encoded).append("\r\n");
    }
}
