package io.mailbin.delivery;

import io.mailbin.api.json.MessagePayload;
import io.mailbin.mail.Mailbox;
import io.mailbin.store.OutboxEntry;
import io.mailbin.store.StoredMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The address's {@code webhookSlack}: a Slack incoming-webhook post with the subject and a link to
 * the message in the web inbox; the recipients and sender only when {@code webhookSlackToFrom} is set.
 */
final class SlackChannel implements Channel {
    private final HttpPoster http;
    private final String publicUrl;

    SlackChannel(HttpPoster http, String publicUrl) {
        this.http = http;
        this.publicUrl = publicUrl;
    }

    @Override
    public Outcome deliver(OutboxEntry entry, Letter letter) {
        return http.postJson(entry.target(), MessagePayload.utf8(Map.of("text", text(entry, letter.message()))));
    }

    String text(OutboxEntry entry, StoredMessage m) {
        StringBuilder b = new StringBuilder()
                .append("New message to ").append(escape(m.originalInbox())).append('\n')
                .append("*Subject:* ").append(escape(m.summary().subject().isEmpty() ? "(no subject)" : m.summary().subject()))
                .append('\n');
        if (entry.slackToFrom()) {
            b.append("*From:* ").append(escape(list(m.summary().from()))).append('\n')
                    .append("*To:* ").append(escape(list(m.summary().to()))).append('\n');
        }
        return b.append('<').append(link(m)).append("|Open in Mailbin>").toString();
    }

    /** The message in the web inbox. */
    String link(StoredMessage m) {
        return publicUrl + "/#/inbox/" + URLEncoder.encode(m.inbox(), StandardCharsets.UTF_8) + "/" + m.id();
    }

    private static String list(List<Mailbox> boxes) {
        return boxes.stream().map(b -> b.name().isEmpty() ? b.address() : b.name() + " <" + b.address() + ">")
                .collect(Collectors.joining(", "));
    }

    /** Slack's markup: &, < and > must be escaped in text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String capKey(OutboxEntry entry) {
        return WebhookChannel.hostKey(entry.target());
    }
}
