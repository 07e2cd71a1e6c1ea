package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.ingest.HeaderField;
import io.mailbin.ingest.MessageContent;
import io.mailbin.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A message's content in the spec's forms: raw, plain text, sanitised HTML, dirty HTML and headers. */
final class ContentRoutes {
    private final MessageLookup lookup;

    ContentRoutes(MessageLookup lookup) {
        this.lookup = lookup;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/raw/{email}/{messageId}", this::raw);
        routes.get("/api/text/{email}/{messageId}", this::text);
        routes.get("/api/body/{email}/{messageId}", this::body);
        routes.get("/api/dirty/{email}/{messageId}", this::dirty);
        routes.get("/api/addresses/{email}/messages/{messageId}/headers", this::headers);
    }

    private void raw(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        byte[] raw = lookup.raw(m);
        send(ctx, m, ".eml", "text/plain; charset=utf-8");
        ctx.result(raw);
    }

    private void text(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        String text = new MessageContent(lookup.raw(m)).text();
        send(ctx, m, ".txt", "text/plain; charset=utf-8");
        ctx.result(text);
    }

    private void body(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        MessageContent content = new MessageContent(lookup.raw(m));
        String html = content.html();
        send(ctx, m, ".html", "text/html; charset=utf-8");
        ctx.result(html != null ? SafeHtml.sanitize(html) : SafeHtml.fromText(content.text()));
    }

    private void dirty(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        MessageContent content = new MessageContent(lookup.raw(m));
        String html = content.htmlWithInlineImages();
        send(ctx, m, ".html", "text/html; charset=utf-8");
        ctx.result(html != null ? html : SafeHtml.fromText(content.text()));
    }

    private void send(Context ctx, StoredMessage m, String extension, String contentType) {
        HostileContent.mark(ctx);
        if (Requests.download(ctx)) {
            HostileContent.attachment(ctx, m.id() + extension);
        }
        ctx.contentType(contentType);
    }

    private void headers(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        List<HeaderField> fields = new MessageContent(lookup.raw(m)).headers();
        String format = ctx.queryParam("messageHeadersFormat");
        switch (format == null || format.isBlank() ? "json" : format) {
            case "json" -> {
                Map<String, List<String>> grouped = new LinkedHashMap<>();
                for (HeaderField f : fields) {
                    grouped.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.value());
                }
                ctx.json(grouped);
            }
            case "json-ordered" -> ctx.json(fields.stream()
                    .map(f -> new NamedValue(f.name().toLowerCase(Locale.ROOT), f.value())).toList());
            case "plain" -> {
                StringBuilder b = new StringBuilder();
                fields.forEach(f -> b.append(f.raw()).append("\r\n"));
                HostileContent.mark(ctx);
                ctx.contentType("text/plain; charset=utf-8").result(b.toString());
            }
            default -> throw ApiException.badRequest(
                    "messageHeadersFormat must be json, json-ordered or plain, got '" + format + "'");
        }
    }

    /**
     * One header of the {@code json-ordered} format. A record, not {@code Map.of}: that map's iteration order
     * is unspecified, so {@code value} came out before {@code name}, unlike the spec's example.
     */
    private record NamedValue(String name, String value) {}
}
