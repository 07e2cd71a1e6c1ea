package io.mailbin.ingest;

import io.mailbin.account.Directory;
import io.mailbin.mail.EmailAddress;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.ForwardingTarget;
import io.mailbin.store.ReservedAddress;
import io.mailbin.store.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves each accepted recipient to exactly one inbox and its forwarding (DESIGN.md §2):
 * <ol>
 *   <li>an address's hidden alias ({@code encryptedInbox}) delivers to the address;</li>
 *   <li>a reserved address saves to its own inbox, and forwarding fires for it and, inside a
 *       catch-all domain, for the catch-all too;</li>
 *   <li>an unreserved address of a custom domain saves to the catch-all inbox {@code *@domain} when
 *       there is one, else to its own inbox; either way it belongs to the domain's owner;</li>
 *   <li>anything else is a public inbox.</li>
 * </ol>
 * Several recipients that file into the same inbox yield one copy, carrying the first of their addresses, except
 * in a catch-all inbox, where each recipient gets its own.
 */
public final class Router {
    private final Directory directory;

    public Router(Directory directory) {
        this.directory = directory;
    }

    public List<Route> route(List<EmailAddress> recipients) {
        Map<String, Route> byInbox = new LinkedHashMap<>();
        for (EmailAddress r : recipients) {
            Route route = resolve(r);
            byInbox.putIfAbsent(copyKey(route), route);
        }
        return new ArrayList<>(byInbox.values());
    }

    /**
     * A catch-all inbox is read through each recipient's address (by {@code originalInbox}), so every distinct
     * recipient it catches gets its own copy: one copy carrying only the first address would be missing from
     * the second recipient's listing. Elsewhere one copy per inbox is enough.
     */
    private static String copyKey(Route route) {
        return "catch-all".equals(route.kind()) ? route.inbox() + " " + route.originalInbox() : route.inbox();
    }

    Route resolve(EmailAddress recipient) {
        String base = recipient.inbox();
        String original = recipient.address();
        String domain = recipient.domain();
        Optional<ReservedAddress> alias = directory.byEncryptedInbox(base);
        if (alias.isPresent()) {
            ReservedAddress a = alias.get();
            return new Route("encrypted", a.address(), original, a.domain(), a.owner(), true, targets(a, null));
        }
        Optional<CustomDomain> custom = directory.domain(domain);
        Optional<ReservedAddress> catchAll = custom.isPresent() ? directory.catchAll(domain) : Optional.empty();
        Optional<ReservedAddress> reserved = directory.address(base);
        if (reserved.isPresent()) {
            ReservedAddress a = reserved.get();
            return new Route("reserved", a.address(), original, domain, a.owner(), true,
                    targets(a, catchAll.filter(c -> !c.equals(a)).orElse(null)));
        }
        if (custom.isPresent()) {
            CustomDomain d = custom.get();
            if (catchAll.isPresent()) {
                return new Route("catch-all", catchAll.get().address(), original, domain, d.owner(), d.isPrivate(),
                        targets(catchAll.get(), null));
            }
            return new Route("domain", base, original, domain, d.owner(), d.isPrivate(), List.of());
        }
        return Route.publicInbox(base, original, domain);
    }

    /** The forwarding of the address and then of its domain's catch-all, leaving out addresses with none set. */
    private static List<ForwardingTarget> targets(ReservedAddress own, ReservedAddress catchAll) {
        List<ForwardingTarget> targets = new ArrayList<>(2);
        for (ReservedAddress a : new ReservedAddress[] {own, catchAll}) {
            if (a != null && !a.forwarding().isEmpty()) {
                targets.add(a.forwarding());
            }
        }
        return targets;
    }
}
