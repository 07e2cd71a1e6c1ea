package io.mailbin.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mailbin.ingest.MailEvents;
import io.mailbin.store.MessageStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web inbox, served next to the API by the same process: the page and its files at {@code /}, the
 * live stream of an inbox, and the sandboxed frames that show a message's HTML. Everything else the
 * page does, it does through the REST API with the user's key, under the API's rules.
 */
public final class WebInbox {
    private final WebSettings settings;
    private final MailEvents events;
    private final LiveInboxes hub;
    private final Assets assets;
    private final LiveStream live;
    private final MailFrame frames;

    public WebInbox(WebSettings settings, MessageStore store, MailEvents events, ReadGate gate) {
        this.settings = settings;
        this.events = events;
        this.hub = new LiveInboxes(settings.streamBuffer());
        this.assets = Assets.load();
        this.live = new LiveStream(hub, gate, settings.keepAlive());
        this.frames = new MailFrame(store, gate, new FrameLinks(settings.frameLinkTtl(), Clock.systemUTC()));
    }

    public void register(JavalinConfig config) {
        events.subscribe(hub);
        config.events.serverStopping(() -> {
            events.unsubscribe(hub);
            hub.closeAll();
        });
        assets.register(config.routes);
        live.register(config.routes);
        frames.register(config.routes);
        config.routes.get("/web/settings", this::settings);
    }

    /** What the page needs to know about this server before it asks anything else. */
    private void settings(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicDomains", settings.publicDomains());
        body.put("publicInboxes", settings.publicInboxes());
        SecurityHeaders.common(ctx);
        ctx.json(body);
    }
}
