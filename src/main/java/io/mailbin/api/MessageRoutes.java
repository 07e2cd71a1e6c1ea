package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.store.InboxQuery;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Inbox listings and message metadata: the spec's Messages endpoints under {@code /api/addresses}. */
final class MessageRoutes {
    private final MessageStore store;
    private final MessageLookup lookup;

    MessageRoutes(MessageStore store, MessageLookup lookup) {
        this.store = store;
        this.lookup = lookup;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/addresses/{email}/messages", this::list);
        routes.delete("/api/addresses/{email}/messages", this::deleteAll);
        routes.get("/api/addresses/{email}/message-count", this::count);
        routes.get("/api/addresses/{email}/messages/{messageId}", this::metadata);
        routes.delete("/api/addresses/{email}/messages/{messageId}", this::delete);
    }

    private void list(Context ctx) {
        InboxQuery q = new InboxQuery(Requests.address(ctx), Requests.instant(ctx, "since"),
                Requests.instant(ctx, "until"), Requests.limit(ctx));
        ctx.json(store.list(q).stream().map(MessageView::of).toList());
    }

    private void count(Context ctx) {
        String address = Requests.address(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", store.count(address));
        body.put("inbox", address);
        ctx.json(body);
    }

    private void metadata(Context ctx) {
        ctx.json(MessageView.of(lookup.find(ctx)));
    }

    private void delete(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        store.delete(m.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_id", m.id());
        body.put("inbox", m.inbox());
        body.put("message", "Message was deleted.");
        ctx.json(body);
    }

    private void deleteAll(Context ctx) {
        store.deleteAll(Requests.address(ctx));
        ctx.status(204);
    }
}
