package io.mailbin.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.ingest.HeaderField;
import io.mailbin.mail.Mailbox;
import io.mailbin.mail.MessageSummary;
import io.mailbin.store.Flags;
import io.mailbin.store.Route;
import io.mailbin.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The webhook payload and web-socket frame: exactly the message object, then its content, in that order. */
class MessagePayloadTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StoredMessage message = new StoredMessage("m1-0", Route.publicInbox("to@x.test", "to+tag@x.test", "x.test"),
            Instant.parse("2026-11-25T08:00:00Z"), 42,
            new MessageSummary("Hello \"you\"", List.of(new Mailbox("from@y.test", "Fr\u00e9d")), List.of(new Mailbox("to@x.test", null)),
                    List.of(), List.of(), List.of(), List.of("https://y.test/a"), "192.0.2.1", "mx.y.test", true, null),
            0.25, new Flags("inbox", List.of(), false, null));
    private final List<HeaderField> headers = List.of(new HeaderField("Received", "from a", "Received: from a"),
            new HeaderField("Subject", "Hello", "Subject: Hello"), new HeaderField("received", "from b", "received: from b"));
    private final byte[] raw = "Subject: Hello\r\n\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void thePayloadIsTheMessageObjectFollowedByTextBodyRawAndGroupedHeaders() {
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = JSON.convertValue(MessageView.of(message), LinkedHashMap.class);
        expected.put("text", "caf\u00e9");
        expected.put("body", null);
        expected.put("raw", "Subject: Hello\r\n\r\ncaf\u00e9\r\n");
        expected.put("headers", Map.of("received", List.of("from a", "from b"), "subject", List.of("Hello")));

        String json = MessagePayload.json(MessagePayload.of(message, "caf\u00e9", null, raw, headers));

        assertThat(JSON.readTree(json)).isEqualTo(JSON.valueToTree(expected));
        assertThat(List.copyOf(JSON.readTree(json).propertyNames())).containsExactlyElementsOf(expected.keySet());
        assertThat(json).contains("\"body\":null").doesNotContain("parseError").doesNotContain("\"message\"");
    }

    @Test
    void aWebSocketFrameWrapsThePayloadWithItsStatus() {
        MessagePayload payload = MessagePayload.of(message, "t", "<p>h</p>", raw, headers);
        String frame = MessagePayload.json(new MessagePayload.Frame(200, payload));
        assertThat(frame).startsWith("{\"status\":200,\"email\":{\"_id\":\"m1-0\"")
                .endsWith(",\"headers\":{\"received\":[\"from a\",\"from b\"],\"subject\":[\"Hello\"]}}}");
        assertThat(JSON.readTree(frame).get("email")).isEqualTo(JSON.readTree(MessagePayload.json(payload)));
    }
}
