package io.mailbin.api;

import io.mailbin.api.json.MessageView;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.AccountException;
import io.mailbin.account.Caller;
import io.mailbin.account.Directory;
import io.mailbin.account.Domains;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.MessageStore;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Custom domains: the spec's {@code GET /api/domains}, {@code GET /api/domains/{domain}}, domain mail
 * and delete-all-domain-mail, plus our documented {@code POST}, {@code PUT} and {@code DELETE} on
 * {@code /api/domains/{domain}}.
 */
final class DomainRoutes {
    private final Domains domains;
    private final Directory directory;
    private final MessageStore store;

    DomainRoutes(Domains domains, Directory directory, MessageStore store) {
        this.domains = domains;
        this.directory = directory;
        this.store = store;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/domains", this::list);
        routes.get("/api/domains/{domain}", this::get);
        routes.post("/api/domains/{domain}", this::add);
        routes.put("/api/domains/{domain}", this::update);
        routes.delete("/api/domains/{domain}", this::remove);
        routes.get("/api/domains/{domain}/messages", this::messages);
        routes.post("/api/domains/{domain}/delete-all-domain-mail", this::deleteAll);
    }

    /** The account's domains; the operator key (which owns nothing) sees every account's. */
    private void list(Context ctx) {
        Caller caller = Auth.caller(ctx);
        if (caller.anonymous()) {
            throw new ApiException(401, "An API key is required");
        }
        ctx.json((caller.account() == null ? directory.allDomains() : directory.domainsOf(caller.id()))
                .stream().map(DomainView::of).toList());
    }

    private void get(Context ctx) {
        CustomDomain d = domains.owned(Auth.caller(ctx), ctx.pathParam("domain"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", DomainView.of(d));
        body.put("totalMessages", store.countDomain(d.domain(), d.owner()));
        body.put("catchAllAddress", directory.catchAll(d.domain()).map(AddressView::of).orElse(null));
        ctx.json(body);
    }

    private void add(Context ctx) {
        JsonNode body = Auth.body(ctx);
        CustomDomain d = domains.add(Auth.caller(ctx), ctx.pathParam("domain"), string(body, "owner"),
                flag(body, "enablews", false), flag(body, "isPrivate", true));
        ctx.json(DomainView.of(d));
    }

    private void update(Context ctx) {
        JsonNode body = Auth.body(ctx);
        Boolean enablews = body.has("enablews") ? flag(body, "enablews", false) : null;
        Boolean isPrivate = body.has("isPrivate") ? flag(body, "isPrivate", true) : null;
        ctx.json(DomainView.of(domains.update(Auth.caller(ctx), ctx.pathParam("domain"), enablews, isPrivate)));
    }

    private void remove(Context ctx) {
        boolean deleteMessages = Boolean.TRUE.equals(Requests.bool(ctx, "deleteDomainMessages"));
        ctx.json(DomainView.of(domains.remove(Auth.caller(ctx), ctx.pathParam("domain"), deleteMessages)));
    }

    /** The spec lists 403 for another account's domain here. */
    private void messages(Context ctx) {
        CustomDomain d = ownedOr403(ctx);
        ctx.json(store.domainMessages(d.domain(), d.owner(), Requests.instant(ctx, "until"), Requests.limit(ctx))
                .stream().map(MessageView::of).toList());
    }

    private void deleteAll(Context ctx) {
        CustomDomain d = domains.owned(Auth.caller(ctx), ctx.pathParam("domain"));
        store.deleteDomain(d.domain(), d.owner());
        ctx.status(204);
    }

    private CustomDomain ownedOr403(Context ctx) {
        try {
            return domains.owned(Auth.caller(ctx), ctx.pathParam("domain"));
        } catch (AccountException e) {
            if (e.reason() == AccountException.Reason.OWNED_BY_OTHER) {
                throw new ApiException(403, e.getMessage());
            }
            throw e;
        }
    }

    private static String string(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw ApiException.badRequest(name + " must be a string");
        }
        return v.asString();
    }

    private static boolean flag(JsonNode body, String name, boolean fallback) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest(name + " must be true or false");
        }
        return v.asBoolean();
    }
}
