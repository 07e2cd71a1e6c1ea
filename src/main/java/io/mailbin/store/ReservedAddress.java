package io.mailbin.store;

import java.time.Instant;

/**
 * A private address reserved by an account, with its forwarding settings (the spec's
 * {@code EmailAddress}). {@code *@domain} is the domain's catch-all.
 *
 * @param encryptedInbox a hidden alias that delivers to this address
 */
public record ReservedAddress(
        String address,
        String owner,
        String info,
        String forward,
        boolean enablews,
        String webhook,
        String webhookSlack,
        boolean webhookSlackToFrom,
        String encryptedInbox,
        Instant created,
        Instant updated) {

    public boolean isCatchAll() {
        return address.startsWith("*@");
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** The forwarding this address asks for, as recorded on each message routed through it. */
    public ForwardingTarget forwarding() {
        return new ForwardingTarget(address, forward, webhook, webhookSlack, webhookSlackToFrom, enablews);
    }
}
