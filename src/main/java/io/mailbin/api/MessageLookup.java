package io.mailbin.api;

import io.javalin.http.Context;
import io.mailbin.account.Caller;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;

/**
 * Finds the message a request names and checks that the caller may see it. Every message-level
 * endpoint passes through here: authorisation follows the message's real inbox and owner, never the
 * address in the URL, so a private message's id under some public address is simply not found.
 */
final class MessageLookup {
    private final MessageStore store;
    private final Access access;

    MessageLookup(MessageStore store, Access access) {
        this.store = store;
        this.access = access;
    }

    StoredMessage find(Context ctx) {
        return find(Auth.caller(ctx), Requests.address(ctx), ctx.pathParam("messageId"));
    }

    /** @param address normalised, as {@link Requests#address} gives it */
    StoredMessage find(Caller caller, String address, String id) {
        StoredMessage m = store.find(id)
                .filter(found -> found.belongsTo(address))
                .orElseThrow(() -> ApiException.notFound("Message not found: no message " + id + " in " + address));
        access.checkMessage(caller, m, Access.WRONG_KEY_DEFAULT);
        return m;
    }

    java.util.Optional<byte[]> rawIfPresent(StoredMessage m) {
        return store.raw(m.id());
    }

    byte[] raw(StoredMessage m) {
        return store.raw(m.id()).orElseThrow(() -> ApiException.notFound("Message not found: " + m.id() + " was deleted"));
    }
}
