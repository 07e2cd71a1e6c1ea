package io.mailbin.spam;

import java.io.ByteArrayOutputStream;
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
        var out = new ByteArrayOutputStream(text.length() + 256);
        field(out, "From", from);
        field(out, "To", to);
        field(out, "Subject", subject);
        write(out, "MIME-Version: 1.0\r\n");
        write(out, "Content-Type: text/plain; charset=UTF-8\r\n");
        write(out, "Content-Transfer-Encoding: 8bit\r\n\r\n");
        write(out, text);
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        if (value.isBlank()) {
            return;
        }
        // line breaks in a field would start new header lines (header injection): flatten them
        String flat = value.replace('\r', ' ').replace('\n', ' ').strip();
        String encoded = EncoderUtil.hasToBeEncoded(flat, 0)
                ? EncoderUtil.encodeEncodedWord(flat, EncoderUtil.Usage.TEXT_TOKEN)
                : flat;
        write(out, name + ": " + encoded + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
