package io.mailbin.api.json;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mailbin.ingest.HeaderField;
import io.mailbin.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message with its content, as webhooks receive it (the spec's {@code EmailMessageWebhook}) and as
 * web-socket frames carry it ({@code EmailMessageWebSocketFrame.email}): the message object plus
 * {@code text}, {@code body} (the HTML), {@code raw} and {@code headers} (lower-cased names, each with
 * every value in order).
 *
 * <p>It is written in one pass (the message object's fields unwrapped into the payload), not through
 * an intermediate map: a web-socket subscriber gets one of these per message, built before the 250.
 */
public record MessagePayload(@JsonUnwrapped MessageView message, String text, String body, String raw,
                             Map<String, List<String>> headers) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A web-socket frame carrying one message: {@code {"status":200,"email":{...}}}. */
    public record Frame(int status, MessagePayload email) {
    }

    public static MessagePayload of(StoredMessage m, String text, String html, byte[] raw, List<HeaderField> headers) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (HeaderField f : headers) {
            grouped.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.value());
        }
        return new MessagePayload(MessageView.of(m), text, html, new String(raw, StandardCharsets.UTF_8), grouped);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
