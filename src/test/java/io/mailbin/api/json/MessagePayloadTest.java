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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook payload and web-socket frame: exactly the message object, then its content, in that
 * order; written by hand, so every string must read back as Jackson reads it.
 */
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

        String json = new String(MessagePayload.webhook(message, "caf\u00e9", null, raw, headers), StandardCharsets.UTF_8);

        assertThat(JSON.readTree(json)).isEqualTo(JSON.valueToTree(expected));
        assertThat(List.copyOf(JSON.readTree(json).propertyNames())).containsExactlyElementsOf(expected.keySet());
        assertThat(json).contains("\"body\":null").doesNotContain("parseError").doesNotContain("\"message\"");
    }

    @Test
    void aWebSocketFrameWrapsThePayloadWithItsStatus() {
        String frame = new String(MessagePayload.frame(message, "t", "<p>h</p>", raw, headers), StandardCharsets.UTF_8);
        assertThat(frame).startsWith("{\"status\":200,\"email\":{\"_id\":\"m1-0\"")
                .endsWith(",\"headers\":{\"received\":[\"from a\",\"from b\"],\"subject\":[\"Hello\"]}}}");
        assertThat(JSON.readTree(frame).get("email"))
                .isEqualTo(JSON.readTree(MessagePayload.webhook(message, "t", "<p>h</p>", raw, headers)));
    }

    @Test
    void escapesWhatJsonRequiresAndKeepsEverythingElse() {
        String text = "quote \" backslash \\ tab \t nul \u0000 bell \u0007 esc \u001b del \u007f caf\u00e9 \u20ac \ud83d\udce7 </script>";
        JsonNode email = JSON.readTree(MessagePayload.frame(message, text, text, text.getBytes(StandardCharsets.UTF_8),
                List.of(new HeaderField("X-Odd", text, "X-Odd: " + text)))).get("email");
        assertThat(email.get("text").asString()).isEqualTo(text);
        assertThat(email.get("body").asString()).isEqualTo(text);
        assertThat(email.get("raw").asString()).isEqualTo(text);
        assertThat(email.get("headers").get("x-odd").get(0).asString()).isEqualTo(text);
    }

    @Test
    void mailThatIsNotUtf8ReadsAsTheApiServesIt() {
        byte[] latin1 = "Subject: caf\u00e9\r\n\r\n\u00fcber\r\n".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode email = JSON.readTree(MessagePayload.webhook(message, null, null, latin1, headers));
        assertThat(email.get("raw").asString()).isEqualTo(new String(latin1, StandardCharsets.UTF_8)).contains("\ufffd");
    }

    @Property(tries = 300)
    void anyStringReadsBackUnchanged(@ForAll String text, @ForAll byte[] rawBytes) {
        JsonNode email = JSON.readTree(MessagePayload.webhook(message, text, null, rawBytes, headers));
        String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8); // lone surrogates become '?'
        assertThat(email.get("text").asString()).isEqualTo(expected);
        assertThat(email.get("raw").asString()).isEqualTo(new String(rawBytes, StandardCharsets.UTF_8));
    }
}
