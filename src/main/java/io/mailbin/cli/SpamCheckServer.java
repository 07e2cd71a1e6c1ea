package io.mailbin.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailbin.spam.SpamCheck;
import io.mailbin.spam.SpamModel;
import io.mailbin.spam.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The spam-check HTTP API: {@code POST /api/spam-checks} with JSON {@code {to, from, subject, text}}
 * or a raw message ({@code message/rfc822} or {@code text/plain}) answers
 * {@code {"spam": bool, "spamminess": number}}. Every response, errors included, is JSON.
 * Requests run on virtual threads.
 */
final class SpamCheckServer implements AutoCloseable {
    static final String PATH = "/api/spam-checks";
    /** Bigger bodies are refused; the tokenizer would only read the first 512 KiB anyway. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final SpamModel model;
    private final JsonMapper json = JsonMapper.builder().build();

    private SpamCheckServer(SpamModel model, InetSocketAddress address) throws IOException {
        // small JSON answers must not wait for Nagle's algorithm; read once, when the server is created
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.model = model;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(address, 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    static SpamCheckServer start(SpamModel model, InetSocketAddress address) throws IOException {
        var spamCheckServer = new SpamCheckServer(model, address);
        spamCheckServer.server.start();
        return spamCheckServer;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, error("no such endpoint: " + exchange.getRequestURI().getPath() + " (use POST " + PATH + ")"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, error("method " + exchange.getRequestMethod() + " not allowed: use POST"));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, error("request body is larger than " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
            switch (contentType) {
                case "application/json", "" -> checkJson(exchange, body);
                case "message/rfc822", "text/plain" -> send(exchange, 200, verdict(model.check(body)));
                default -> send(exchange, 415, error("unsupported Content-Type " + contentType
                        + ": send application/json, message/rfc822 or text/plain"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, error("internal error: " + e.getMessage()));
        }
    }

    private void checkJson(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            send(exchange, 400, error("request body is not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (node == null || !node.isObject()) {
            send(exchange, 400, error("request body must be a JSON object {to, from, subject, text}"));
            return;
        }
        for (String field : new String[] {"to", "from", "subject", "text"}) {
            JsonNode value = node.get(field);
            if (value != null && !value.isString() && !value.isNull()) {
                send(exchange, 400, error("field " + field + " must be a string"));
                return;
            }
        }
        var check = new SpamCheck(text(node, "to"), text(node, "from"), text(node, "subject"), text(node, "text"));
        send(exchange, 200, verdict(model.check(check)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private ObjectNode verdict(Verdict verdict) {
        ObjectNode node = json.createObjectNode();
        node.put("spam", verdict.spam());
        node.put("spamminess", verdict.spamminess());
        return node;
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("message", message);
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The body, or null when it exceeds {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
