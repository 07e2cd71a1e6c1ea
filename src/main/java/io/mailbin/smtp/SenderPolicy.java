package io.mailbin.smtp;

import io.mailbin.policy.DenyList;
import io.mailbin.policy.HostList;
import java.util.Optional;

/**
 * Who may send: the operator's deny-list (554 5.7.1 with the reason, checked for the client IP at
 * connect, the HELO name at HELO and the sender domain at MAIL), then per-sender limits: a token bucket
 * per remote IP and one per sender domain, each message taking a token at MAIL (421 4.7.0 naming the
 * limit). The allow-list bypasses the limits, not the deny-list: an allowed IP (or CIDR) skips both
 * buckets, an allowed sender domain skips the domain bucket only (a MAIL FROM domain is trivially
 * forged, so it cannot lift the IP limit).
 */
final class SenderPolicy {
    /** Why a sender is turned away: the reply code, a metric reason, the reply text, and whether to hang up. */
    record Refusal(int code, String reason, String text, boolean closes) {}

    private final String hostname;
    private final RateLimiter perIp;
    private final RateLimiter perDomain;
    private final HostList<Boolean> allow;
    private final DenyList denyList;

    SenderPolicy(String hostname, AdmissionSettings settings, DenyList denyList) {
        this.hostname = hostname;
        this.perIp = new RateLimiter(settings.ratePerIp());
        this.perDomain = new RateLimiter(settings.ratePerDomain());
        this.allow = HostList.of(settings.allow());
        this.denyList = denyList;
    }

    /** Checked on every new connection, before it may queue: a listed IP, or one already over its limit, is told at once. */
    Refusal atConnect(String ip) {
        Optional<DenyList.Match> denied = denyList.matchIp(ip);
        if (denied.isPresent()) {
            return new Refusal(554, "denylist_ip", "554 5.7.1 client IP " + named(ip, denied.get()) + " is deny-listed: "
                    + denied.get().reason(), true);
        }
        if (perIp.exhausted(ip) && allow.matchIp(ip).isEmpty()) {
            return ipLimit(ip);
        }
        return null;
    }

    Refusal atHelo(String name) {
        if (HostEntryLiteral.isLiteral(name)) {
            return null; // an address literal: the client IP was already checked at connect
        }
        return denyList.matchDomain(name)
                .map(m -> new Refusal(554, "denylist_helo", "554 5.7.1 HELO name " + named(name.toLowerCase(java.util.Locale.ROOT), m)
                        + " is deny-listed: " + m.reason(), true))
                .orElse(null);
    }

    /** Checked at MAIL: the sender domain against the deny-list, then a token from the IP's and the domain's buckets. */
    Refusal atMail(String ip, String senderDomain) {
        Optional<DenyList.Match> denied = denyList.matchDomain(senderDomain);
        if (denied.isPresent()) {
            return new Refusal(554, "denylist_sender", "554 5.7.1 sender domain " + named(senderDomain, denied.get())
                    + " is deny-listed: " + denied.get().reason(), false);
        }
        boolean ipAllowed = allow.matchIp(ip).isPresent();
        if (!ipAllowed && !perIp.tryTake(ip)) {
            return ipLimit(ip);
        }
        if (!ipAllowed && senderDomain != null && !senderDomain.isEmpty()
                && allow.matchDomain(senderDomain).isEmpty() && !perDomain.tryTake(senderDomain)) {
            return new Refusal(421, "rate_domain", "421 4.7.0 " + hostname + " too many messages from sender domain "
                    + senderDomain + " (limit " + perDomain.limit() + " per domain), try again later", true);
        }
        return null;
    }

    private Refusal ipLimit(String ip) {
        return new Refusal(421, "rate_ip", "421 4.7.0 " + hostname + " too many messages from " + ip
                + " (limit " + perIp.limit() + " per IP), try again later", true);
    }

    /** {@code 192.0.2.7}, or {@code 192.0.2.7 (in 192.0.2.0/24)} when a wider entry matched. */
    private static String named(String asked, DenyList.Match m) {
        return m.entry().text().equals(asked) ? asked : asked + " (in " + m.entry().text() + ")";
    }

    /** HELO arguments that are address literals ({@code [192.0.2.7]}) rather than names. */
    private static final class HostEntryLiteral {
        static boolean isLiteral(String name) {
            return name.startsWith("[") || io.mailbin.policy.HostEntry.literal(name) != null;
        }
    }
}
