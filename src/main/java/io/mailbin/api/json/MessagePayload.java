package io.mailbin.api.json;

import io.mailbin.ingest.HeaderField;
import io.mailbin.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message with its content, as webhooks receive it (the spec's {@code EmailMessageWebhook}) and as
 * web-socket frames carry it ({@code EmailMessageWebSocketFrame.email}): the message object's fields,
 * then {@code text}, {@code body} (the HTML), {@code raw} and {@code headers} (lower-cased names, each
 * with every value in order).
 *
 * <p>A web-socket subscriber gets one of these per message, built on an SMTP session's thread right
 * after its 250, so it is written straight to UTF-8 bytes in one pass: the small message object by
 * Jackson (one definition of its fields, {@link MessageView}), the three copies of the mail by
 * {@link JsonUtf8}.
 */
public final class MessagePayload {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessagePayload() {}

    /** The webhook body: {@code {"_id":...,...,"text":...,"body":...,"raw":...,"headers":{...}}}. */
    public static byte[] webhook(StoredMessage m, String text, String html, byte[] raw, List<HeaderField> headers) {
        JsonUtf8 out = new JsonUtf8(capacity(text, html, raw));
        payload(out, m, text, html, raw, headers);
        return out.toByteArray();
    }

    /** A web-socket frame carrying one message: {@code {"status":200,"email":{...the webhook body...}}}. */
    public static byte[] frame(StoredMessage m, String text, String html, byte[] raw, List<HeaderField> headers) {
        JsonUtf8 out = new JsonUtf8(capacity(text, html, raw) + 32);
        out.json("{\"status\":200,\"email\":");
        payload(out, m, text, html, raw, headers);
        return out.json("}").toByteArray();
    }

    private static void payload(JsonUtf8 out, StoredMessage m, String text, String html, byte[] raw,
                                List<HeaderField> headers) {
        byte[] message = JSON.writeValueAsBytes(MessageView.of(m));
        out.json(message, 0, message.length - 1); // its fields; the payload's fields follow before the brace
        out.json(",\"text\":").string(text).json(",\"body\":").string(html).json(",\"raw\":").string(raw);
        out.json(",\"headers\":{");
        boolean first = true;
        for (Map.Entry<String, List<String>> h : grouped(headers).entrySet()) {
            out.json(first ? "" : ",").string(h.getKey()).json(":[");
            List<String> values = h.getValue();
            for (int i = 0; i < values.size(); i++) {
                out.json(i == 0 ? "" : ",").string(values.get(i));
            }
            out.json("]");
            first = false;
        }
        out.json("}}");
    }

    private static Map<String, List<String>> grouped(List<HeaderField> headers) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (HeaderField f : headers) {
            grouped.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(f.value());
        }
        return grouped;
    }

    /** Room for the message object, the three copies of the mail with some escapes, and the headers. */
    private static int capacity(String text, String html, byte[] raw) {
        return 1024 + (text == null ? 0 : text.length()) + (html == null ? 0 : html.length()) + raw.length * 9 / 4;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** {@code value} as JSON in UTF-8. */
    public static byte[] utf8(Object value) {
        return JSON.writeValueAsBytes(value);
    }
}
