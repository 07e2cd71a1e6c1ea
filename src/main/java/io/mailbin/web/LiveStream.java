package io.mailbin.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.mailbin.store.StoredMessage;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /web/live/{email}}: new mail of one inbox as server-sent events, read-only, with the read rules
 * of listing that inbox. Events: {@code ready} once subscribed (a client lists the inbox {@code since} its
 * newest message then, so nothing falls between its listing and the stream), {@code message} per new
 * message (the API's message object), {@code overflow} before a client that fell behind is dropped; a
 * comment every keep-alive interval while idle.
 *
 * <p>The key travels as for the API: the {@code Mailsac-Key} header (the UI reads the stream with
 * {@code fetch}, which can send headers) or {@code _mailsacKey} in the query string (for
 * {@code EventSource}, which cannot). Access is checked once, before the stream starts; each message is
 * then checked against the caller's viewer, so mail that turns private after connecting is not sent.
 */
final class LiveStream {
    private final LiveInboxes hub;
    private final ReadGate gate;
    private final Duration keepAlive;

    LiveStream(LiveInboxes hub, ReadGate gate, Duration keepAlive) {
        this.hub = hub;
        this.gate = gate;
        this.keepAlive = keepAlive;
    }

    void register(RoutesConfig routes) {
        routes.get("/web/live/{email}", this::open);
    }

    private void open(Context ctx) {
        ReadGate.Inbox inbox = gate.inbox(ctx, ctx.pathParam("email"));
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new HttpResponseException(406, "This is a server-sent event stream: send Accept: text/event-stream");
        }
        SecurityHeaders.common(ctx);
        new SseHandler(client -> stream(client, inbox)).handle(ctx);
    }

    private void stream(SseClient client, ReadGate.Inbox inbox) {
        Subscription s = hub.subscribe(inbox.address(), inbox.viewer());
        try {
            client.sendEvent("ready", Map.of("inbox", inbox.address(), "keepAliveSeconds", keepAlive.toSeconds()));
            while (!client.terminated()) {
                StoredMessage m = s.next(keepAlive);
                Subscription.End end = s.ended();
                if (end == Subscription.End.OVERFLOW) {
                    client.sendEvent("overflow", Map.of("message", "Too far behind: reconnect and list the inbox"));
                    break;
                } else if (end == Subscription.End.CLOSED) {
                    break;
                } else if (m == null) {
                    client.sendComment("keep-alive");
                } else {
                    client.sendEvent("message", gate.view(m), m.id());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(s);
            client.close();
        }
    }
}
