package io.mailbin.delivery;

import io.mailbin.api.json.MessagePayload;
import io.mailbin.store.OutboxEntry;
import java.net.URI;

/** The address's {@code webhook}: a JSON POST of the spec's {@code EmailMessageWebhook}. */
final class WebhookChannel implements Channel {
    private final HttpPoster http;

    WebhookChannel(HttpPoster http) {
        this.http = http;
    }

    @Override
    public Outcome deliver(OutboxEntry entry, Letter l) {
        return http.postJson(entry.target(), MessagePayload.webhook(l.message(), l.text(), l.html(), l.raw(), l.headers()));
    }

    @Override
    public String capKey(OutboxEntry entry) {
        return hostKey(entry.target());
    }

    static String hostKey(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() + ":" + u.getPort();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
