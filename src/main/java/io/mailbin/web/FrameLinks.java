package io.mailbin.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, short-lived links to one message's HTML frame. An iframe cannot send the {@code Mailsac-Key}
 * header, and an API key in a URL would end up in proxies' logs and the browser's history; so the UI asks
 * for the frame's link with its key (over {@code fetch}, where the API's read rules are applied), and the
 * link itself carries only this capability: read this one message's HTML until it expires.
 *
 * <p>The signing key is random per process: links do not survive a restart, and in a deployment with
 * several API nodes the UI must reach the node that signed the link (or the nodes share sessions).
 */
final class FrameLinks {
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    FrameLinks(Duration ttl, Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The frame's path for message {@code id}, valid for the link lifetime from now. */
    String link(String id) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return "/web/frame/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?exp=" + expires + "&sig=" + sign(id, expires);
    }

    boolean valid(String id, String exp, String sig) {
        if (exp == null || sig == null) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return false;
        }
        return expires >= clock.instant().getEpochSecond()
                && MessageDigest.isEqual(sign(id, expires).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String id, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal((id + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
