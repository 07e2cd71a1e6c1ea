package io.mailbin.api;

import io.javalin.http.Context;
import io.mailbin.account.Accounts;
import io.mailbin.account.Caller;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Finds out who is calling, before any API handler runs. The key may come, as Mailsac accepts it, in
 * the {@code Mailsac-Key} header, the {@code _mailsacKey} query parameter or a {@code _mailsacKey}
 * field of a JSON body. No key means an anonymous caller; a key that is not ours is a 401 (after a
 * growing delay for a client that keeps trying).
 */
final class Auth {
    private static final String CALLER = "mailbin.caller";
    private static final String BODY = "mailbin.body";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Accounts accounts;
    private final AuthThrottle throttle;

    Auth(Accounts accounts, AuthThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    void identify(Context ctx) throws InterruptedException {
        String key = ctx.header("Mailsac-Key");
        if (key == null || key.isBlank()) {
            key = ctx.queryParam("_mailsacKey");
        }
        if ((key == null || key.isBlank()) && body(ctx).get("_mailsacKey") instanceof JsonNode k && k.isString()) {
            key = k.asString();
        }
        if (key == null || key.isBlank()) {
            ctx.attribute(CALLER, Caller.ANONYMOUS);
            return;
        }
        Optional<Caller> caller = accounts.authenticate(key.trim());
        String client = ctx.ip();
        if (caller.isEmpty()) {
            long delay = throttle.failed(client);
            if (delay > 0) {
                Thread.sleep(delay);
            }
            throw new ApiException(401, "Invalid API key");
        }
        ctx.attribute(CALLER, caller.get());
    }

    static Caller caller(Context ctx) {
        Caller c = ctx.attribute(CALLER);
        return c == null ? Caller.ANONYMOUS : c;
    }

    /** The request's JSON body (an empty object when there is none); a body that is not JSON is a 400. */
    static JsonNode body(Context ctx) {
        JsonNode cached = ctx.attribute(BODY);
        if (cached != null) {
            return cached;
        }
        String text = ctx.body();
        JsonNode node;
        if (text.isBlank()) {
            node = JsonNodeFactory.instance.objectNode();
        } else {
            try {
                node = JSON.readTree(text);
            } catch (JacksonException e) {
                throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object");
            }
        }
        ctx.attribute(BODY, node);
        return node;
    }
}
