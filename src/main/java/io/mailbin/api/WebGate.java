package io.mailbin.api;

import io.mailbin.api.json.MessageView;

import io.javalin.http.Context;
import io.mailbin.account.Caller;
import io.mailbin.mail.EmailAddress;
import io.mailbin.store.StoredMessage;
import io.mailbin.web.ReadGate;

/** The API's read rules handed to the web inbox: the same identification, access checks and message shape. */
final class WebGate implements ReadGate {
    private final Auth auth;
    private final Access access;
    private final MessageLookup lookup;

    WebGate(Auth auth, Access access, MessageLookup lookup) {
        this.auth = auth;
        this.access = access;
        this.lookup = lookup;
    }

    @Override
    public Inbox inbox(Context ctx, String address) {
        Caller caller = identify(ctx);
        EmailAddress a = Requests.emailAddress(address);
        access.checkInbox(caller, a, Access.WRONG_KEY_LISTING);
        return new Inbox(a.address(), caller.viewer());
    }

    @Override
    public StoredMessage message(Context ctx, String address, String id) {
        return lookup.find(identify(ctx), Requests.emailAddress(address).address(), id);
    }

    @Override
    public Object view(StoredMessage message) {
        return MessageView.of(message);
    }

    private Caller identify(Context ctx) {
        try {
            auth.identify(ctx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "Interrupted while checking the API key");
        }
        return Auth.caller(ctx);
    }
}
