package io.mailbin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Requests to the API as an account makes them: any method, an optional API key in the
 * {@code Mailsac-Key} header, an optional JSON body. Paths are given as clients send them
 * ({@code /api/addresses/a@x.test}); {@link Api#segment} encodes the odd character.
 */
public final class Http {
    private final TestMailbin server;

    public Http(TestMailbin server) {
        this.server = server;
    }

    /** One answer: its status, body, and the body as JSON when it is JSON. */
    public record Reply(String request, int status, String body, String contentType) {
        public JsonNode json() {
            return TestMailbin.JSON.readTree(body);
        }

        /** Fails unless the status is {@code expected}; returns the JSON body (null for an empty or non-JSON one). */
        public JsonNode expect(int expected) {
            assertThat(status).as("%s answered %d: %s", request, status, body).isEqualTo(expected);
            return body.isEmpty() || !contentType.startsWith("application/json") ? null : json();
        }

        /** An error: the status, and a JSON {@code message} that contains {@code fragment}. */
        public void expectError(int expected, String fragment) {
            JsonNode error = expect(expected);
            assertThat(contentType).startsWith("application/json");
            assertThat(error.path("message").asString()).as("%s error message", request).contains(fragment);
        }
    }

    public Reply get(String path, String key) {
        return send("GET", path, key, null);
    }

    public Reply post(String path, String key, String json) {
        return send("POST", path, key, json);
    }

    public Reply put(String path, String key, String json) {
        return send("PUT", path, key, json);
    }

    public Reply delete(String path, String key) {
        return send("DELETE", path, key, null);
    }

    /** @param key sent as {@code Mailsac-Key}, or no key when null; @param json the body, or none when null */
    public Reply send(String method, String path, String key, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Mailsac-Key", key);
        }
        HttpResponse<String> r = server.send(b.build());
        return new Reply(method + " " + path, r.statusCode(), r.body(),
                r.headers().firstValue("Content-Type").orElse(""));
    }

    /** The {@code _id}s of a JSON array of messages or addresses, in order. */
    public static List<String> ids(JsonNode array) {
        assertThat(array.isArray()).as("expected a JSON array: %s", array).isTrue();
        return array.valueStream().map(n -> n.get("_id").asString()).toList();
    }

    /** Sends one message over SMTP to every recipient and returns the queue id. */
    public static String deliver(TestMailbin server, String subject, String... recipients) {
        return deliverFrom(server, "Sender <sender@client.test>", subject, recipients);
    }

    /** Sends one message from {@code from} (a From header value) to every recipient; returns the queue id. */
    public static String deliverFrom(TestMailbin server, String from, String subject, String... recipients) {
        String envelopeFrom = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO client.test", 250);
            SmtpDialog.Reply r = d.sendMessage(envelopeFrom, List.of(recipients), "From: " + from + "\r\nTo: "
                    + String.join(", ", recipients) + "\r\nSubject: " + subject + "\r\n\r\nbody of " + subject + "\r\n");
            assertThat(r.code()).as(r.text()).isEqualTo(250);
            return r.queueId();
        }
    }
}
