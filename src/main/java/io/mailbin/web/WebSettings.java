package io.mailbin.web;

import java.time.Duration;
import java.util.List;

/**
 * What the web inbox is told at start.
 *
 * @param publicDomains   this server's public domains, offered for random addresses
 * @param publicInboxes   false: every inbox needs a key, so the home page says so
 * @param keepAlive       how often an idle live stream sends a comment, so proxies and browsers keep it open
 * @param streamBuffer    messages queued for one live stream; a client that falls this far behind is dropped
 * @param frameLinkTtl    how long a signed link to a message's HTML frame stays valid
 */
public record WebSettings(List<String> publicDomains, boolean publicInboxes, Duration keepAlive, int streamBuffer,
                          Duration frameLinkTtl) {
    public WebSettings {
        publicDomains = List.copyOf(publicDomains);
        if (streamBuffer < 1) {
            throw new IllegalArgumentException("streamBuffer must be positive");
        }
    }

    public static WebSettings of(List<String> publicDomains, boolean publicInboxes) {
        return new WebSettings(publicDomains, publicInboxes, Duration.ofSeconds(15), 256, Duration.ofMinutes(10));
    }
}
