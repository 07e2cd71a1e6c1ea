package io.mailbin.api;

import io.javalin.http.Context;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;

/**
 * Finds the message a request names, and decides whether the caller may see it. This is the one place
 * every message-level endpoint passes through: authorisation is decided by the message's real inbox,
 * never by the address in the URL. In this release every inbox is public, so a message is readable by
 * anyone who names its inbox (or the address it was sent to) and its id.
 */
final class MessageLookup {
    private final MessageStore store;

    MessageLookup(MessageStore store) {
        this.store = store;
    }

    StoredMessage find(Context ctx) {
        String address = Requests.address(ctx);
        String id = ctx.pathParam("messageId");
        return store.find(id)
                .filter(m -> m.belongsTo(address))
                .orElseThrow(() -> ApiException.notFound("Message not found: no message " + id + " in " + address));
    }

    byte[] raw(StoredMessage m) {
        return store.raw(m.id()).orElseThrow(() -> ApiException.notFound("Message not found: " + m.id() + " was deleted"));
    }
}
