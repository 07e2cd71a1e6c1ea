package io.mailbin.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson3;
import io.javalin.router.EndpointNotFound;
import io.mailbin.account.AccountException;
import io.mailbin.account.Accounts;
import io.mailbin.account.Directory;
import io.mailbin.account.Domains;
import io.mailbin.account.EmailValidation;
import io.mailbin.account.Reservations;
import io.mailbin.delivery.DeliverySettings;
import io.mailbin.delivery.Waiters;
import io.mailbin.delivery.WebSocketHub;
import io.mailbin.store.OutboxStore;
import io.mailbin.ingest.MailEvents;
import io.mailbin.ingest.SpamFilter;
import io.mailbin.policy.DenyList;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoreUnavailableException;
import io.mailbin.web.WebInbox;
import io.mailbin.web.WebSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of Mailbin: the Mailsac-compatible REST API under {@code /api} and {@code /healthz},
 * and the web inbox at {@code /} (which reads by the API's rules), served by Javalin on virtual threads. Route tables live in one class per API area; who the caller
 * is gets settled once, before any of them runs.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    /** Platform threads for Jetty's own work (accepting, selecting, reserved); requests run on virtual threads. */
    private static final int PLATFORM_THREADS_MIN = 4;
    private static final int PLATFORM_THREADS_MAX = 16;

    /** What the API serves, and the rules it serves it by. */
    public record Services(MessageStore messages, Accounts accounts, Directory directory, Reservations reservations,
                           Domains domains, EmailValidation validation, OutboxStore outbox, WebSocketHub hub,
                           Waiters waiters, DeliverySettings delivery, DenyList denyList, Supplier<String> metrics,
                           MailEvents events, SpamFilter spam, boolean publicInboxes, long authDelayMillis,
                           List<String> publicDomains) {}

    private final Javalin app;

    /** @param ready answers whether every listener of the process is up, for {@code /healthz} */
    public HttpApi(Services s, BooleanSupplier ready) {
        Access access = new Access(s.directory(), s.publicInboxes());
        Auth auth = new Auth(s.accounts(), new AuthThrottle(s.authDelayMillis()));
        MessageLookup lookup = new MessageLookup(s.messages(), access);
        this.app = Javalin.create(config -> {
            configure(config);
            config.routes.get("/healthz", ctx -> health(ctx, ready));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().get()));
            config.routes.before("/api/*", auth::identify);
            // literal paths first: /starred/messages and /messages/wait would otherwise match {email} and {messageId}
            new AccountRoutes(s.messages(), s.accounts(), s.directory()).register(config.routes);
            DeliverySettings d = s.delivery();
            new LiveRoutes(s.hub(), s.waiters(), s.messages(), access, s.accounts(), d.wsPing(), d.wsMaxQueuedFrames(),
                    d.maxWait()).register(config.routes);
            new MessageRoutes(s.messages(), lookup, access).register(config.routes);
            new MessageActionRoutes(s.messages(), lookup, s.spam()).register(config.routes);
            new ContentRoutes(lookup).register(config.routes);
            new AttachmentRoutes(lookup).register(config.routes);
            new AddressRoutes(s.reservations(), s.directory()).register(config.routes);
            new DomainRoutes(s.domains(), s.directory(), s.messages()).register(config.routes);
            new ValidationRoutes(s.validation()).register(config.routes);
            new DeliveryRoutes(s.outbox(), s.reservations(), lookup).register(config.routes);
            new DenyListRoutes(s.denyList()).register(config.routes);
            new WebInbox(WebSettings.of(s.publicDomains(), s.publicInboxes()), s.messages(), s.events(),
                    new WebGate(auth, access, lookup)).register(config);
            errors(config);
        });
    }

    private static void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.jetty.threadPool = threadPool();
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
        // Frames queued together for one socket are copied into one buffer of this size and written at
        // once; Jetty does so for frames under a quarter of it (a 2 KB message makes a ~6 KB frame).
        config.jetty.modifyWebSocketServletFactory(factory -> factory.setOutputBufferSize(64 * 1024));
    }

    /**
     * Jetty's selector and acceptor on a few platform threads, each request's handler on a virtual thread.
     * Javalin's default runs everything on virtual threads, the selector too: its blocking epoll wait
     * holds one of the two carriers, and every request pays for more hand-offs between them. Measured with
     * bench/run.sh's probe (250 to listed, three interleaved pairs): median 2.9 to 2.5 ms and p99 11.7 to
     * 7.0 ms idle, p99 17.7 to 10.1 ms under the 2 KB x 10 load.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(PLATFORM_THREADS_MAX, PLATFORM_THREADS_MIN);
        pool.setName("http");
        pool.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
        return pool;
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
        config.routes.exception(AccountException.class, (e, ctx) -> fail(ctx, status(e.reason()), e.getMessage()));
        // Javalin answers its own errors (no route matched, 405, 413...) in plain text, and has already set a
        // result by the time the 404 error handler runs; clients of the spec expect ErrorResponseBody JSON.
        config.routes.exception(HttpResponseException.class, (e, ctx) -> fail(ctx, e.getStatus(),
                e instanceof EndpointNotFound ? "No such endpoint: " + ctx.method() + " " + ctx.path() : e.getMessage()));
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

    /** The spec answers 400 for "already yours" and "not yours to release", 401 for another account's address. */
    static int status(AccountException.Reason reason) {
        return switch (reason) {
            case INVALID, CONFLICT -> 400;
            case NOT_FOUND -> 404;
            case UNAUTHENTICATED, OWNED_BY_OTHER -> 401;
        };
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
