package io.mailbin.store;

import java.time.Instant;

/**
 * One forwarding to do for one message: a webhook POST, a Slack post or an email forward.
 *
 * @param source the address whose settings asked for it ({@code private@x.test}, {@code *@x.test})
 * @param owner  the account owning that address
 * @param kind   {@code webhook}, {@code slack} or {@code forward}
 * @param target the URL, or the address mail is forwarded to
 */
public record OutboxEntry(long id, String messageId, String source, String owner, String kind, String target,
                          boolean slackToFrom, Instant created, int attempts) {
    public static final String WEBHOOK = "webhook";
    public static final String SLACK = "slack";
    public static final String FORWARD = "forward";
}
