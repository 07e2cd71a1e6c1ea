package io.mailbin.api;

import io.mailbin.api.json.MessageView;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.Accounts;
import io.mailbin.account.Caller;
import io.mailbin.account.Directory;
import io.mailbin.store.Account;
import io.mailbin.store.AccountQuery;
import io.mailbin.store.AccountStats;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.MessageStore;
import io.mailbin.store.ReservedAddress;
import io.mailbin.store.StoredMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The account's own views: who am I, my totals, and every message I own or starred. */
final class AccountRoutes {
    static final int SEARCH_LIMIT = 100;

    private final MessageStore store;
    private final Accounts accounts;
    private final Directory directory;

    AccountRoutes(MessageStore store, Accounts accounts, Directory directory) {
        this.store = store;
        this.accounts = accounts;
        this.directory = directory;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/me", this::me);
        routes.get("/api/me/stats", this::stats);
        routes.put("/api/me/settings", this::settings);
        routes.get("/api/inbox", this::inbox);
        routes.get("/api/inbox-filter", this::filter);
        routes.get("/api/inbox-search", this::search);
        routes.get("/api/addresses/starred/messages", this::starred);
    }

    /** The account the request is for; the operator may name any with {@code overrideAccountId}. */
    private Account account(Context ctx) {
        Caller caller = Auth.caller(ctx);
        String override = ctx.queryParam("overrideAccountId");
        if (override != null && !override.isBlank()) {
            if (!caller.operator()) {
                throw new ApiException(403, "overrideAccountId is for the operator key");
            }
            return accounts.find(override.trim());
        }
        if (caller.account() == null) {
            throw new ApiException(401, caller.operator()
                    ? "The operator key belongs to no account: pass overrideAccountId" : "An API key is required");
        }
        return caller.account();
    }

    private void me(Context ctx) {
        Caller caller = Auth.caller(ctx);
        if (caller.operator() && caller.account() == null && ctx.queryParam("overrideAccountId") == null) {
            ctx.json(Map.of("_id", "operator", "operator", true));
            return;
        }
        Account a = accounts.find(account(ctx).id()); // fresh: the caller's cached account may predate a settings change
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_id", a.id());
        body.put("messageLimit", a.messageLimit());
        body.put("operator", a.operator());
        body.put("disableSpam", a.disableSpam());
        body.put("created", MessageView.iso(a.created()));
        ctx.json(body);
    }

    /** Our extension: {@code {"disableSpam": true}} keeps the account's mail out of the spam folder. */
    private void settings(Context ctx) {
        Account a = account(ctx);
        tools.jackson.databind.JsonNode disable = Auth.body(ctx).get("disableSpam");
        if (disable == null || !disable.isBoolean()) {
            throw ApiException.badRequest("body must be {\"disableSpam\": true|false}");
        }
        accounts.setDisableSpam(a.id(), disable.asBoolean());
        me(ctx);
    }

    private void stats(Context ctx) {
        Account a = account(ctx);
        AccountStats s = store.stats(a.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("addresses", directory.addressesOf(a.id()).stream().map(ReservedAddress::address).toList());
        body.put("domains", directory.domainsOf(a.id()).stream().map(CustomDomain::domain).toList());
        body.put("starredMessages", s.starredMessages());
        body.put("storedMessages", s.storedMessages());
        body.put("inboxBytes", s.inboxBytes());
        ctx.json(body);
    }

    private void inbox(Context ctx) {
        Account a = account(ctx);
        int limit = Requests.limit(ctx);
        int skip = Requests.intParam(ctx, "skip", 0, 0, Integer.MAX_VALUE);
        List<StoredMessage> page = store.accountMessages(AccountQuery.page(a.id(), Requests.instant(ctx, "since"), skip, limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", views(page));
        body.put("unread", store.unread(a.id()));
        body.put("limit", limit);
        body.put("skip", skip);
        ctx.json(body);
    }

    /** AND of the given conditions; at least one is required. */
    private void filter(Context ctx) {
        Account a = account(ctx);
        String subject = blankToNull(ctx.queryParam("andSubjectIncludes"));
        String from = blankToNull(ctx.queryParam("andFrom"));
        String to = blankToNull(ctx.queryParam("andTo"));
        Boolean read = Requests.bool(ctx, "andRead");
        if (subject == null && from == null && to == null && read == null) {
            throw ApiException.badRequest("give at least one of andSubjectIncludes, andFrom, andTo, andRead");
        }
        List<StoredMessage> found = store.accountMessages(
                new AccountQuery(a.id(), null, 0, SEARCH_LIMIT, subject, from, to, read, false, false));
        ctx.json(Map.of("messages", views(found)));
    }

    /** OR of to, from and subject containing the query. */
    private void search(Context ctx) {
        Account a = account(ctx);
        String query = blankToNull(ctx.queryParam("query"));
        if (query == null) {
            throw ApiException.badRequest("query is required");
        }
        List<StoredMessage> found = store.accountMessages(
                new AccountQuery(a.id(), null, 0, SEARCH_LIMIT, query, query, query, null, true, false));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("messages", views(found));
        ctx.json(body);
    }

    private void starred(Context ctx) {
        Account a = account(ctx);
        ctx.json(views(store.accountMessages(AccountQuery.starred(a.id(), Requests.limit(ctx)))));
    }

    private static List<MessageView> views(List<StoredMessage> messages) {
        return messages.stream().map(MessageView::of).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
