package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.AccountException;
import io.mailbin.account.AddressChange;
import io.mailbin.account.AddressChange.Field;
import io.mailbin.account.Caller;
import io.mailbin.account.Directory;
import io.mailbin.account.Reservations;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.ReservedAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Private addresses: the spec's Addresses endpoints. */
final class AddressRoutes {
    private final Reservations reservations;
    private final Directory directory;

    AddressRoutes(Reservations reservations, Directory directory) {
        this.reservations = reservations;
        this.directory = directory;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/addresses", this::list);
        routes.get("/api/addresses/{email}", this::get);
        routes.post("/api/addresses/{email}", this::reserve);
        routes.put("/api/addresses/{email}", this::update);
        routes.put("/api/private-address-forwarding/{email}", this::update);
        routes.delete("/api/addresses/{email}", this::release);
        routes.get("/api/addresses/{email}/availability", this::availability);
        routes.post("/api/private-addresses-bulk", this::reserveBulk);
    }

    /** The account's addresses; the operator key (which owns nothing) sees every account's. */
    private void list(Context ctx) {
        Caller caller = Auth.caller(ctx);
        if (caller.anonymous()) {
            throw new ApiException(401, "An API key is required");
        }
        List<ReservedAddress> addresses = caller.account() == null ? directory.allAddresses() : directory.addressesOf(caller.id());
        ctx.json(addresses.stream().map(AddressView::of).toList());
    }

    /** Yours: the whole object; unowned: the address alone; someone else's: 401. */
    private void get(Context ctx) {
        String address = Reservations.reservable(ctx.pathParam("email"));
        Caller caller = Auth.caller(ctx);
        Optional<ReservedAddress> reserved = directory.address(address);
        if (reserved.isPresent()) {
            ctx.json(AddressView.of(reservations.owned(caller, address)));
            return;
        }
        Optional<CustomDomain> domain = directory.domain(address.substring(address.lastIndexOf('@') + 1));
        if (domain.isPresent()) {
            if (!caller.actsFor(domain.get().owner())) {
                throw new ApiException(401, address + " belongs to a domain owned by another account");
            }
            ctx.json(AddressView.implicit(address, domain.get()));
            return;
        }
        ctx.json(AddressView.unowned(address));
    }

    private void reserve(Context ctx) {
        ReservedAddress a = reservations.reserve(Auth.caller(ctx), ctx.pathParam("email"), change(Auth.body(ctx)));
        ctx.json(AddressView.of(a));
    }

    private void update(Context ctx) {
        ctx.json(AddressView.of(reservations.update(Auth.caller(ctx), ctx.pathParam("email"), change(Auth.body(ctx)))));
    }

    /** 200 with a copy of what was released; {@code deleteAddressMessages=true} deletes its mail too. */
    private void release(Context ctx) {
        boolean deleteMessages = Boolean.TRUE.equals(Requests.bool(ctx, "deleteAddressMessages"));
        ctx.json(AddressView.of(reservations.release(Auth.caller(ctx), ctx.pathParam("email"), deleteMessages)));
    }

    private void availability(Context ctx) {
        String address = Reservations.reservable(ctx.pathParam("email"));
        boolean owned = directory.ownerOf(address).isPresent();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("available", !owned);
        body.put("email", address);
        body.put("owned", owned);
        ctx.json(body);
    }

    private void reserveBulk(Context ctx) {
        JsonNode addresses = Auth.body(ctx).get("addresses");
        if (addresses == null || !addresses.isArray()) {
            throw ApiException.badRequest("body must be {\"addresses\": [\"a@example.com\", ...]}");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode n : addresses) {
            if (!n.isString()) {
                throw ApiException.badRequest("addresses must be strings");
            }
            list.add(n.asString());
        }
        ctx.json(reservations.reserveAll(Auth.caller(ctx), list, AddressChange.NONE).stream().map(AddressView::of).toList());
    }

    /** Reads {@code UpdatePrivateAddressForwarding}, accepting {@code enabledws} as well as {@code enablews}. */
    static AddressChange change(JsonNode body) {
        return new AddressChange(text(body, "info"), text(body, "forward"),
                flag(body, body.has("enablews") ? "enablews" : "enabledws"), text(body, "webhook"),
                text(body, "webhookSlack"), flag(body, "webhookSlackToFrom"));
    }

    private static Field<String> text(JsonNode body, String name) {
        if (!body.has(name)) {
            return Field.absent();
        }
        JsonNode v = body.get(name);
        if (v.isNull()) {
            return Field.of(null);
        }
        if (!v.isString()) {
            throw new AccountException(AccountException.Reason.INVALID, name + " must be a string or null");
        }
        return Field.of(v.asString().trim());
    }

    private static Field<Boolean> flag(JsonNode body, String name) {
        if (!body.has(name)) {
            return Field.absent();
        }
        JsonNode v = body.get(name);
        if (v.isNull()) {
            return Field.of(false);
        }
        if (!v.isBoolean()) {
            throw new AccountException(AccountException.Reason.INVALID, name + " must be true or false");
        }
        return Field.of(v.asBoolean());
    }
}
