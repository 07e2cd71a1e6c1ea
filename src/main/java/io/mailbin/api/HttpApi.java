package io.mailbin.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson3;
import io.mailbin.policy.DenyList;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoreUnavailableException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of Mailbin: the Mailsac-compatible REST API under {@code /api} and {@code /healthz},
 * served by Javalin on virtual threads. Route tables live in one class per API area.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    private final Javalin app;

    /**
     * @param ready   answers whether every listener of the process is up, for {@code /healthz}
     * @param metrics the process's metrics in Prometheus text format, for {@code /metrics}
     */
    public HttpApi(MessageStore store, DenyList denyList, BooleanSupplier ready, Supplier<String> metrics) {
        MessageLookup lookup = new MessageLookup(store);
        MessageRoutes messages = new MessageRoutes(store, lookup);
        ContentRoutes content = new ContentRoutes(lookup);
        AttachmentRoutes attachments = new AttachmentRoutes(lookup);
        DenyListRoutes denied = new DenyListRoutes(denyList);
        this.app = Javalin.create(config -> {
            configure(config);
            config.routes.get("/healthz", ctx -> health(ctx, ready));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get()));
            messages.register(config.routes);
            content.register(config.routes);
            attachments.register(config.routes);
            denied.register(config.routes);
            errors(config);
        });
    }

    private static void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jsonMapper(new JavalinJackson3(JsonMapper.builder().build(), true));
        config.http.maxRequestSize = 1_000_000;
        // The official client's browser build calls the API from other origins; keys travel in a header, not cookies.
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            rule.path = "/api/*";
            rule.anyHost();
            rule.maxAge = 600;
        }));
        config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
    }

    private static void health(Context ctx, BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            ctx.json(Map.of("status", "ok"));
        } else {
            ctx.status(503).json(Map.of("status", "starting"));
        }
    }

    private static void errors(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> fail(ctx, e.status, e.getMessage()));
        config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            log.warn("store unavailable for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            fail(ctx, 503, "The store is temporarily unavailable, please retry");
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            String incident = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            log.error("incident {}: {} {} failed", incident, ctx.method(), ctx.path(), e);
            fail(ctx, 500, "Internal error (incident " + incident + ")");
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null) {
                fail(ctx, 404, "No such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
    }

    static void fail(Context ctx, int status, String message) {
        ctx.status(status).json(new ErrorBody(message, HttpStatus.forStatus(status).getMessage()));
    }

    /** Binds the port; throws with a clear message when it is taken. */
    public void start(String host, int port) {
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new IllegalStateException("cannot listen for HTTP on " + host + ":" + port + " (" + rootMessage(e) + ")", e);
        }
    }

    public int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public void close() {
        app.stop();
    }
}
