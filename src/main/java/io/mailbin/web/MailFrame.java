package io.mailbin.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mailbin.ingest.MessageContent;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message's HTML for the UI's sandboxed iframe.
 *
 * <ul>
 *   <li>{@code GET /web/view/{email}/{messageId}}: with the caller's key and the API's read rules, says
 *       whether the message has HTML and how many remote images it asks for, and gives signed links to its
 *       frame without and with remote images.
 *   <li>{@code GET /web/frame/{messageId}?exp&sig[&images=1]}: the HTML itself, rewritten by {@link MailHtml}
 *       (the {@code /dirty} HTML, {@code cid:} images inlined), under the frame's sandbox policy.
 * </ul>
 */
final class MailFrame {
    private final MessageStore store;
    private final ReadGate gate;
    private final FrameLinks links;

    MailFrame(MessageStore store, ReadGate gate, FrameLinks links) {
        this.store = store;
        this.gate = gate;
        this.links = links;
    }

    void register(RoutesConfig routes) {
        routes.get("/web/view/{email}/{messageId}", this::view);
        routes.get("/web/frame/{messageId}", this::frame);
    }

    private void view(Context ctx) {
        StoredMessage m = gate.message(ctx, ctx.pathParam("email"), ctx.pathParam("messageId"));
        MessageContent content = new MessageContent(raw(m));
        String html = content.htmlWithInlineImages();
        String link = links.link(m.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hasHtml", html != null);
        body.put("remoteImages", html == null ? 0 : MailHtml.render(html, false).remoteImages());
        body.put("frame", link);
        body.put("frameWithImages", link + "&images=1");
        SecurityHeaders.common(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    private void frame(Context ctx) {
        String id = ctx.pathParam("messageId");
        if (!links.valid(id, ctx.queryParam("exp"), ctx.queryParam("sig"))) {
            throw new HttpResponseException(403, "This link to a message has expired or is not valid: open the message again");
        }
        StoredMessage m = store.find(id).orElseThrow(() -> new HttpResponseException(404, "Message not found: " + id));
        boolean images = "1".equals(ctx.queryParam("images"));
        MessageContent content = new MessageContent(raw(m));
        String html = content.htmlWithInlineImages();
        SecurityHeaders.frame(ctx, images);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html != null ? MailHtml.render(html, images).html() : MailHtml.fromText(content.text()));
    }

    private byte[] raw(StoredMessage m) {
        return store.raw(m.id()).orElseThrow(() -> new HttpResponseException(404, "Message not found: " + m.id() + " was deleted"));
    }
}
