package io.mailbin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Reads of the Mailsac-compatible API that many tests share, with the paths spelt as clients spell them. */
public final class Api {
    private final TestMailbin server;

    public Api(TestMailbin server) {
        this.server = server;
    }

    /**
     * An address as a path segment: printable ASCII as is (so {@code +} and {@code @} arrive literally, as the
     * official client sends them), everything else percent-encoded UTF-8.
     */
    public static String segment(String address) {
        StringBuilder b = new StringBuilder();
        for (byte c : address.getBytes(StandardCharsets.UTF_8)) {
            if (c > 0x20 && c < 0x7f && "/?#%\"<>\\^`{|}[]".indexOf(c) < 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    /** {@code GET /api/addresses/{address}/messages} with an optional query string such as {@code "limit=5"}. */
    public JsonNode messages(String address, String query) {
        return server.json("/api/addresses/" + segment(address) + "/messages" + (query.isEmpty() ? "" : "?" + query));
    }

    public JsonNode messages(String address) {
        return messages(address, "");
    }

    /** The one message in an inbox; fails when there are none or several. */
    public JsonNode onlyMessage(String address) {
        JsonNode list = messages(address);
        assertThat(list.size()).as("messages in %s", address).isEqualTo(1);
        return list.get(0);
    }

    public String onlyMessageId(String address) {
        return onlyMessage(address).get("_id").asString();
    }

    public long count(String address) {
        return server.json("/api/addresses/" + segment(address) + "/message-count").get("count").asLong();
    }

    public JsonNode metadata(String address, String id) {
        return server.json("/api/addresses/" + segment(address) + "/messages/" + id);
    }

    /** A content endpoint ({@code raw}, {@code text}, {@code body}, {@code dirty}) that must answer 200. */
    public String content(String kind, String address, String id) {
        HttpResponse<String> r = server.get("/api/" + kind + "/" + segment(address) + "/" + id);
        assertThat(r.statusCode()).as("GET /api/%s: %s", kind, r.body()).isEqualTo(200);
        return r.body();
    }

    public byte[] raw(String address, String id) {
        HttpResponse<byte[]> r = server.getBytes("/api/raw/" + segment(address) + "/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    public JsonNode attachments(String address, String id) {
        return server.json("/api/addresses/" + segment(address) + "/messages/" + id + "/attachments");
    }

    public HttpResponse<byte[]> attachment(String address, String id, String identifier) {
        return server.getBytes("/api/addresses/" + segment(address) + "/messages/" + id + "/attachments/"
                + segment(identifier));
    }
}
