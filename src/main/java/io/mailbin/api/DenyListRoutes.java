package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.Caller;
import io.mailbin.policy.DenyList;
import io.mailbin.store.DenyListStore;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The spec's messageStats deny-list endpoints: {@code GET /api/mailstats/blacklist} (every entry, as
 * strings) and {@code GET /api/mailstats/blacklist/{domainOrIP}} ({@code {"blacklisted": bool}}, true when
 * an entry covers it: the IP, a CIDR block holding it, the domain or a parent domain); and our extension,
 * for the operator key only: {@code POST /api/mailstats/blacklist} and {@code DELETE .../{entry}}.
 */
final class DenyListRoutes {
    private final DenyList denyList;

    DenyListRoutes(DenyList denyList) {
        this.denyList = denyList;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/mailstats/blacklist", this::list);
        routes.get("/api/mailstats/blacklist/{domainOrIP}", this::check);
        routes.post("/api/mailstats/blacklist", this::add);
        routes.delete("/api/mailstats/blacklist/{domainOrIP}", this::remove);
    }

    private static void requireOperator(Context ctx) {
        Caller caller = Auth.caller(ctx);
        if (!caller.operator()) {
            throw new ApiException(caller.anonymous() ? 401 : 403, "Changing the deny-list needs the operator key");
        }
    }

    /** Body {@code {"entry": "192.0.2.0/24", "reason": "..."}}; answers the entry as stored. */
    private void add(Context ctx) {
        requireOperator(ctx);
        JsonNode body = Auth.body(ctx);
        JsonNode entry = body.get("entry");
        JsonNode reason = body.get("reason");
        if (entry == null || !entry.isString() || entry.asString().isBlank()) {
            throw ApiException.badRequest("body must be {\"entry\": \"an IP, a CIDR block or a domain\", \"reason\": \"...\"}");
        }
        try {
            DenyListStore.Entry added = denyList.add(entry.asString(), reason != null && reason.isString() ? reason.asString() : null);
            ctx.json(Map.of("entry", added.entry(), "reason", added.reason(), "blacklisted", true));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void remove(Context ctx) {
        requireOperator(ctx);
        String entry = ctx.pathParam("domainOrIP");
        boolean removed;
        try {
            removed = denyList.remove(entry);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!removed) {
            throw ApiException.notFound(entry + " is not on the deny-list");
        }
        ctx.json(Map.of("entry", entry, "blacklisted", false));
    }

    private void list(Context ctx) {
        ctx.json(denyList.list().stream().map(DenyListStore.Entry::entry).toList());
    }

    private void check(Context ctx) {
        String asked = ctx.pathParam("domainOrIP");
        boolean listed;
        try {
            listed = denyList.check(asked).isPresent();
        } catch (IllegalArgumentException e) {
            listed = false;
        }
        ctx.json(Map.of("blacklisted", listed));
    }
}
