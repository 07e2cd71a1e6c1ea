package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.policy.DenyList;
import io.mailbin.store.DenyListStore;
import java.util.Map;

/**
 * The spec's messageStats deny-list endpoints: {@code GET /api/mailstats/blacklist} (every entry, as
 * strings) and {@code GET /api/mailstats/blacklist/{domainOrIP}} ({@code {"blacklisted": bool}}, true when
 * an entry covers it: the IP, a CIDR block holding it, the domain or a parent domain). Reads only: adding
 * and removing need the operator key and are on the command line meanwhile.
 */
final class DenyListRoutes {
    private final DenyList denyList;

    DenyListRoutes(DenyList denyList) {
        this.denyList = denyList;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/mailstats/blacklist", this::list);
        routes.get("/api/mailstats/blacklist/{domainOrIP}", this::check);
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
