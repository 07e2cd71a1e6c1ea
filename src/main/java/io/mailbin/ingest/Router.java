package io.mailbin.ingest;

import io.mailbin.mail.EmailAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves each accepted recipient to exactly one inbox (DESIGN.md §2). Every address is a public inbox
 * named by the address without its {@code +tag}; several recipients that file into the same inbox
 * yield one copy, carrying the first of their addresses as the original inbox.
 */
public final class Router {

    public List<Route> route(List<EmailAddress> recipients) {
        Map<String, Route> byInbox = new LinkedHashMap<>();
        for (EmailAddress r : recipients) {
            byInbox.putIfAbsent(r.inbox(), new Route(r.inbox(), r.address(), r.domain()));
        }
        return new ArrayList<>(byInbox.values());
    }
}
