package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.mailbin.account.Accounts;
import io.mailbin.account.Caller;
import io.mailbin.api.json.MessagePayload;
import io.mailbin.api.json.MessageView;
import io.mailbin.delivery.Waiters;
import io.mailbin.delivery.WebSocketHub;
import io.mailbin.ingest.MessageIds;
import io.mailbin.mail.EmailAddress;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mail as it arrives: Mailsac's web-socket stream at {@code /incoming-messages}, and our long-poll
 * {@code GET /api/addresses/{email}/messages/wait}, which answers as soon as a matching message is stored.
 */
final class LiveRoutes {
    private final WebSocketHub hub;
    private final Waiters waiters;
    private final MessageStore store;
    private final Access access;
    private final Accounts accounts;
    private final Duration ping;
    private final int maxQueued;
    private final Duration maxWait;
    private final Map<WsContext, JettySocket> sockets = new ConcurrentHashMap<>();

    LiveRoutes(WebSocketHub hub, Waiters waiters, MessageStore store, Access access, Accounts accounts,
               Duration ping, int maxQueued, Duration maxWait) {
        this.hub = hub;
        this.waiters = waiters;
        this.store = store;
        this.access = access;
        this.accounts = accounts;
        this.ping = ping;
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
    }

    void register(RoutesConfig routes) {
        routes.ws("/incoming-messages", ws -> {
            ws.onConnect(this::connect);
            ws.onClose(this::closed);
            ws.onError(this::closed);
        });
        routes.get("/api/addresses/{email}/messages/wait", this::waitForNext);
    }

    /**
     * The first frame lists what the key may stream: {@code {"status":200,"msg":"Listening",...}}. A
     * missing or unknown key gets a 401 frame and the socket is closed (policy violation, 1008).
     */
    private void connect(WsConnectContext ctx) {
        String key = Optional.ofNullable(ctx.queryParam("key")).orElse(ctx.header("Mailsac-Key"));
        Optional<Caller> caller = accounts.authenticate(key);
        if (caller.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 401);
            body.put("msg", key == null || key.isBlank() ? "a key is required: /incoming-messages?key=...&addresses=..." : "invalid key");
            String refusal = MessagePayload.json(body);
            ctx.send(refusal); // frames go out in order: the refusal, then the close
            ctx.closeSession(1008, "unauthorized");
            return;
        }
        List<String> requested = Optional.ofNullable(ctx.queryParam("addresses")).map(a -> Arrays.stream(a.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        JettySocket socket = new JettySocket(ctx.session, maxQueued);
        sockets.put(ctx, socket);
        WebSocketHub.Subscription sub = hub.subscribe(socket, caller.get(), requested);
        Map<String, Object> listening = new LinkedHashMap<>();
        listening.put("status", 200);
        listening.put("msg", "Listening");
        listening.put("addresses", sub.addresses());
        listening.put("domains", sub.domains());
        socket.offer(MessagePayload.utf8(listening), false);
        ctx.enableAutomaticPings(ping.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void closed(WsContext ctx) {
        JettySocket socket = sockets.remove(ctx);
        if (socket != null) {
            hub.unsubscribe(socket);
        }
    }

    /**
     * Long-poll: 200 with the oldest matching message received after {@code since} (a message id, whose
     * own time is used if it was deleted, or an ISO date; default: now), or 204 after {@code timeout}
     * seconds. The same read rules as listing the inbox.
     */
    private void waitForNext(Context ctx) throws InterruptedException {
        EmailAddress address = Requests.emailAddress(ctx);
        Caller caller = Auth.caller(ctx);
        access.checkInbox(caller, address, Access.WRONG_KEY_LISTING);
        Instant since = since(ctx);
        int timeout = Requests.intParam(ctx, "timeout", 30, 0, (int) maxWait.toSeconds());
        Waiters.Waiter w = waiters.register(address.address(), since, caller.viewer());
        try {
            Optional<StoredMessage> stored = store.firstAfter(address.address(), since, caller.viewer());
            StoredMessage found = stored.isPresent() ? stored.get() : w.next().get(timeout, TimeUnit.SECONDS);
            ctx.json(MessageView.of(found));
        } catch (TimeoutException e) {
            ctx.status(204);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiters.remove(w);
        }
    }

    private Instant since(Context ctx) {
        String since = ctx.queryParam("since");
        if (since == null || since.isBlank()) {
            return Instant.now();
        }
        String s = since.trim();
        if (s.contains("-") && !s.contains(":") && !s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            // a message id: its stored time when it still exists, else the time the id itself carries
            return store.find(s).map(StoredMessage::received).or(() -> MessageIds.timeOf(s))
                    .orElseThrow(() -> ApiException.badRequest("since must be a message id or an ISO-8601 date, got '" + s + "'"));
        }
        return Requests.instant(ctx, "since");
    }
}
