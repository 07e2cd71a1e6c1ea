package io.mailbin.api;

import io.mailbin.api.json.MessageView;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.Caller;
import io.mailbin.mail.EmailAddress;
import io.mailbin.store.InboxQuery;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Inbox listings and message metadata: the spec's Messages endpoints under {@code /api/addresses}. */
final class MessageRoutes {
    private final MessageStore store;
    private final MessageLookup lookup;
    private final Access access;

    MessageRoutes(MessageStore store, MessageLookup lookup, Access access) {
        this.store = store;
        this.lookup = lookup;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/addresses/{email}/messages", this::list);
        routes.delete("/api/addresses/{email}/messages", this::deleteAll);
        routes.get("/api/addresses/{email}/message-count", this::count);
        routes.get("/api/addresses/{email}/messages/{messageId}", this::metadata);
        routes.delete("/api/addresses/{email}/messages/{messageId}", this::delete);
    }

    /** Lists what the caller may read: a public inbox may hold mail another account starred, or that was private. */
    private void list(Context ctx) {
        EmailAddress address = Requests.emailAddress(ctx);
        Caller caller = Auth.caller(ctx);
        access.checkInbox(caller, address, Access.WRONG_KEY_LISTING);
        InboxQuery q = new InboxQuery(address.address(), Requests.instant(ctx, "since"), Requests.instant(ctx, "until"),
                Requests.limit(ctx), caller.viewer());
        ctx.json(store.list(q).stream().map(MessageView::of).toList());
    }

    private void count(Context ctx) {
        EmailAddress address = Requests.emailAddress(ctx);
        Caller caller = Auth.caller(ctx);
        access.checkInbox(caller, address, Access.WRONG_KEY_LISTING);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", store.count(address.address(), caller.viewer()));
        body.put("inbox", address.address());
        ctx.json(body);
    }

    private void metadata(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        // a public message's route says nothing new, and keeps the object exactly the spec's
        ctx.json("public".equals(m.route().kind()) ? MessageView.of(m) : MessageView.withRoute(m, Auth.caller(ctx).actsFor(m.owner())));
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

    /** Starred messages stay, as the spec says; only what the caller may read is deleted. */
    private void deleteAll(Context ctx) {
        EmailAddress address = Requests.emailAddress(ctx);
        Caller caller = Auth.caller(ctx);
        access.checkInbox(caller, address, Access.WRONG_KEY_DEFAULT);
        store.deleteAll(address.address(), caller.viewer());
        ctx.status(204);
    }
}
