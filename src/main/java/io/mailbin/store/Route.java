package io.mailbin.store;

import java.util.List;

/**
 * Where one recipient's copy of a message is filed, who may read it, and which forwarding fires
 * (DESIGN.md §2). Decided once, when the message arrives.
 *
 * @param kind          how it was resolved: {@code public}, {@code reserved}, {@code catch-all},
 *                      {@code domain} (an unreserved address of a custom domain) or {@code encrypted}
 * @param inbox         the inbox that stores it
 * @param originalInbox the address it was sent to (normalised, {@code +tag} kept)
 * @param owner         the account owning the inbox, or null for a public inbox
 * @param isPrivate     whether reading it needs the owner's key
 * @param targets       forwarding to fire for this copy (its own address's, then the catch-all's)
 */
public record Route(
        String kind,
        String inbox,
        String originalInbox,
        String domain,
        String owner,
        boolean isPrivate,
        List<ForwardingTarget> targets) {

    public Route {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public static Route publicInbox(String inbox, String originalInbox, String domain) {
        return new Route("public", inbox, originalInbox, domain, null, false, List.of());
    }
}
