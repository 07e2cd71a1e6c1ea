package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.Reservations;
import io.mailbin.api.json.MessageView;
import io.mailbin.store.Delivery;
import io.mailbin.store.DeliveryAttempt;
import io.mailbin.store.OutboxStore;
import io.mailbin.store.ReservedAddress;
import io.mailbin.store.StoredMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery log (our extension): every webhook, Slack post and email forward of an address or a
 * message, with each attempt's time, status, error and the next retry, so users can see why a hook
 * failed. Only the address's owner (or the operator) may read it: it shows their targets.
 */
final class DeliveryRoutes {
    private final OutboxStore outbox;
    private final Reservations reservations;
    private final MessageLookup lookup;

    DeliveryRoutes(OutboxStore outbox, Reservations reservations, MessageLookup lookup) {
        this.outbox = outbox;
        this.reservations = reservations;
        this.lookup = lookup;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/addresses/{email}/deliveries", this::ofAddress);
        routes.get("/api/addresses/{email}/messages/{messageId}/deliveries", this::ofMessage);
    }

    private void ofAddress(Context ctx) {
        ReservedAddress a = reservations.owned(Auth.caller(ctx), Reservations.reservable(ctx.pathParam("email")));
        ctx.json(outbox.deliveries(a.address(), Requests.intParam(ctx, "limit", 50, 1, 500)).stream().map(DeliveryRoutes::view).toList());
    }

    private void ofMessage(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        if (!Auth.caller(ctx).actsFor(m.owner())) {
            throw new ApiException(Auth.caller(ctx).anonymous() ? 401 : 403, "Only the inbox's owner may read its delivery log");
        }
        ctx.json(outbox.deliveriesOf(m.id()).stream().map(DeliveryRoutes::view).toList());
    }

    static Map<String, Object> view(Delivery d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("_id", d.entry().id());
        v.put("messageId", d.entry().messageId());
        v.put("address", d.entry().source());
        v.put("kind", d.entry().kind());
        v.put("target", d.entry().target());
        v.put("state", d.state());
        v.put("created", MessageView.iso(d.entry().created()));
        v.put("nextAttempt", MessageView.iso(d.nextAttempt()));
        List<Map<String, Object>> attempts = d.attempts().stream().map(DeliveryRoutes::attempt).toList();
        v.put("attempts", attempts);
        return v;
    }

    private static Map<String, Object> attempt(DeliveryAttempt a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("at", MessageView.iso(a.at()));
        v.put("status", a.status());
        v.put("error", a.error());
        v.put("durationMs", a.durationMs());
        v.put("nextRetry", MessageView.iso(a.nextRetry()));
        return v;
    }
}
