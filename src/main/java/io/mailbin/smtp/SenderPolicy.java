package io.mailbin.smtp;

import io.mailbin.policy.HostList;

/**
 * Per-sender limits: a token bucket per remote IP and one per sender domain, each message taking a token
 * at MAIL. The allow-list bypasses them: an allowed IP (or CIDR) skips both, an allowed sender domain
 * skips the domain limit only (a MAIL FROM domain is trivially forged, so it cannot lift the IP limit).
 */
final class SenderPolicy {
    /** Why a sender is turned away: the reply code, a metric reason, and the reply text. */
    record Refusal(int code, String reason, String text) {}

    private final String hostname;
    private final RateLimiter perIp;
    private final RateLimiter perDomain;
    private final HostList<Boolean> allow;

    SenderPolicy(String hostname, AdmissionSettings settings) {
        this.hostname = hostname;
        this.perIp = new RateLimiter(settings.ratePerIp());
        this.perDomain = new RateLimiter(settings.ratePerDomain());
        this.allow = HostList.of(settings.allow());
    }

    /** Checked on every new connection, before it may queue: an IP already over its limit is told at once. */
    Refusal atConnect(String ip) {
        if (perIp.exhausted(ip) && allow.matchIp(ip).isEmpty()) {
            return ipLimit(ip);
        }
        return null;
    }

    /** Checked at MAIL: takes a token from the IP's and the sender domain's buckets. */
    Refusal atMail(String ip, String senderDomain) {
        boolean ipAllowed = allow.matchIp(ip).isPresent();
        if (!ipAllowed && !perIp.tryTake(ip)) {
            return ipLimit(ip);
        }
        if (!ipAllowed && senderDomain != null && !senderDomain.isEmpty()
                && allow.matchDomain(senderDomain).isEmpty() && !perDomain.tryTake(senderDomain)) {
            return new Refusal(421, "rate_domain", "421 4.7.0 " + hostname + " too many messages from sender domain "
                    + senderDomain + " (limit " + perDomain.limit() + " per domain), try again later");
        }
        return null;
    }

    private Refusal ipLimit(String ip) {
        return new Refusal(421, "rate_ip", "421 4.7.0 " + hostname + " too many messages from " + ip
                + " (limit " + perIp.limit() + " per IP), try again later");
    }
}
