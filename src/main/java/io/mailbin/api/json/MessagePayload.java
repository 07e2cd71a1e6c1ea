package io.mailbin.api.json;

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
 */
public final class MessagePayload {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessagePayload() {}

    public static Map<String, Object> of(StoredMessage m, String text, String html, byte[] raw, List<HeaderField> headers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = JSON.convertValue(MessageView.of(m), LinkedHashMap.class);
        payload.put("text", text);
        payload.put("body", html);
        payload.put("raw", new String(raw, StandardCharsets.UTF_8));
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (HeaderField f : headers) {
            grouped.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.value());
        }
        payload.put("headers", grouped);
        return payload;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
