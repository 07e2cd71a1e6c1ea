package io.mailbin;

import io.mailbin.account.AccountServices;
import io.mailbin.account.Accounts;
import io.mailbin.api.HttpApi;
import io.mailbin.config.Config;
import io.mailbin.delivery.OutboxWorker;
import io.mailbin.delivery.Waiters;
import io.mailbin.delivery.WebSocketHub;
import io.mailbin.ingest.Ingest;
import io.mailbin.ingest.MailEvents;
import io.mailbin.ingest.MessageParser;
import io.mailbin.ingest.Router;
import io.mailbin.ingest.SpamFilter;
import io.mailbin.policy.DenyList;
import io.mailbin.smtp.AuthSettings;
import io.mailbin.smtp.SmtpAuthenticator;
import io.mailbin.smtp.SmtpServer;
import io.mailbin.store.Store;
import io.mailbin.store.sqlite.SqliteStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Mailbin: the store, the ingest pipeline, and the SMTP and HTTP listeners, wired by hand.
 * Starts in dependency order and stops in reverse, so no listener ever outlives what it writes to.
 */
public final class Mailbin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mailbin.class);
    static final Duration DENY_LIST_REFRESH = Duration.ofSeconds(2);

    private final Config config;
    private final Store store;
    private final AccountServices accounts;
    private final OutboxWorker outbox;
    private final WebSocketHub hub;
    private final DenyList denyList;
    private final SmtpServer smtp;
    private final HttpApi http;
    private volatile boolean ready;

    private Mailbin(Config config, Store store, AccountServices accounts, OutboxWorker outbox, WebSocketHub hub,
                    DenyList denyList, SmtpServer smtp, HttpApi http) {
        this.config = config;
        this.store = store;
        this.accounts = accounts;
        this.outbox = outbox;
        this.hub = hub;
        this.denyList = denyList;
        this.smtp = smtp;
        this.http = http;
    }

    /** Starts every role; on failure releases what was started and throws with a one-line reason. */
    public static Mailbin start(Config config) {
        InetAddress bind = resolve(config.bind());
        SqliteStore store = SqliteStore.open(config.store(), config.retention());
        AccountServices accounts = null;
        OutboxWorker outbox = null;
        WebSocketHub hub = null;
        DenyList denyList = null;
        SmtpServer smtp = null;
        HttpApi http = null;
        try {
            PrometheusMeterRegistry metrics = metrics();
            storeMetrics(store, metrics);
            denyList = DenyList.open(store.denyList(), DENY_LIST_REFRESH);
            accounts = AccountServices.over(store, config.accounting());
            MailEvents events = new MailEvents();
            outbox = new OutboxWorker(store.outbox(), store.messages(), config.delivery());
            hub = new WebSocketHub(accounts.directory());
            Waiters waiters = new Waiters();
            events.subscribe(hub);
            events.subscribe(waiters);
            events.subscribe(outbox);
            SpamFilter spam = new SpamFilter(store.spamModels(), config.spam());
            Ingest ingest = new Ingest(new MessageParser(), new Router(accounts.directory()), spam, accounts.directory(),
                    store.messages(), events);
            smtp = new SmtpServer(config.smtp(), config.hostname(), ingest, denyList, metrics,
                    smtpAuthenticator(config, accounts.accounts()));
            Mailbin[] self = new Mailbin[1];
            Config.Accounting a = config.accounting();
            http = new HttpApi(new HttpApi.Services(store.messages(), accounts.accounts(), accounts.directory(),
                    accounts.reservations(), accounts.domains(), accounts.validation(), store.outbox(), hub, waiters,
                    config.delivery(), denyList, metrics::scrape, events, spam, a.publicInboxes(),
                    a.authDelay().toMillis(), a.publicDomains()), () -> self[0] != null && self[0].ready);
            smtp.start(bind);
            http.start(bind.getHostAddress(), config.httpPort());
            outbox.start();
            self[0] = new Mailbin(config, store, accounts, outbox, hub, denyList, smtp, http);
            self[0].ready = true;
            int loops = config.smtp().eventLoops();
            log.info("Mailbin ready: SMTP on port {} ({}), HTTP on {} (data in {})", smtp.port(),
                    loops == 0 ? "a virtual thread per session" : loops + (loops == 1 ? " event loop" : " event loops"),
                    config.publicUrl().replace(":" + config.httpPort(), ":" + http.port()),
                    config.dataDir().toAbsolutePath());
            return self[0];
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            if (smtp != null) {
                smtp.close();
            }
            if (outbox != null) {
                outbox.close();
            }
            if (hub != null) {
                hub.close();
            }
            if (accounts != null) {
                accounts.close();
            }
            if (denyList != null) {
                denyList.close();
            }
            store.close();
            throw e;
        }
    }
    /**
     * Capture mode accepts any credentials; in accounts mode the user name is an account and the password
     * that account's API key.
     */
    static SmtpAuthenticator smtpAuthenticator(Config config, Accounts accounts) {
        if (config.smtp().auth().mode() != AuthSettings.Mode.ACCOUNTS) {
            return SmtpAuthenticator.ANY;
        }
        return (user, password) -> accounts.authenticate(password)
                .filter(c -> c.account() != null && c.account().id().equals(user == null ? null : user.trim()))
                .isPresent();
    }

    /** One registry per process, served as Prometheus text on {@code GET /metrics}. */
    private static PrometheusMeterRegistry metrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        return registry;
    }

    private static void storeMetrics(SqliteStore store, PrometheusMeterRegistry registry) {
        Timer commits = Timer.builder("mailbin.store.commit").description("Group commits of the store: duration")
                .publishPercentiles(0.5, 0.99).register(registry);
        DistributionSummary batch = DistributionSummary.builder("mailbin.store.commit.tasks")
                .description("Writes carried by one group commit").register(registry);
        store.observeCommits((nanos, tasks) -> {
            commits.record(nanos, TimeUnit.NANOSECONDS);
            batch.record(tasks);
        });
        Gauge.builder("mailbin.store.write.backlog", store, SqliteStore::writeBacklog)
                .description("Writes waiting for the next group commit").register(registry);
    }


    private static InetAddress resolve(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot bind to '" + bind + "': not an address of this machine", e);
        }
    }

    public int smtpPort() {
        return smtp.port();
    }

    /** The implicit-TLS SMTP port, or -1 when none is configured. */
    public int smtpsPort() {
        return smtp.smtpsPort();
    }

    public int httpPort() {
        return http.port();
    }

    public Store store() {
        return store;
    }

    public DenyList denyList() {
        return denyList;
    }

    public AccountServices accounts() {
        return accounts;
    }

    /**
     * Graceful stop: no new connections, SMTP transactions in progress finish (within the configured
     * grace), then the API stops and the store commits what it accepted and closes.
     */
    @Override
    public void close() {
        ready = false;
        log.info("Mailbin stopping");
        smtp.close(config.shutdownGrace().toMillis());
        http.close();
        hub.close();
        outbox.close();
        accounts.close();
        denyList.close();
        store.close();
        log.info("Mailbin stopped");
    }
}
