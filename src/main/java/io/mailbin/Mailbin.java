package io.mailbin;

import io.mailbin.account.AccountServices;
import io.mailbin.api.HttpApi;
import io.mailbin.config.Config;
import io.mailbin.ingest.Ingest;
import io.mailbin.ingest.MailEvents;
import io.mailbin.ingest.MessageParser;
import io.mailbin.ingest.Router;
import io.mailbin.smtp.SmtpServer;
import io.mailbin.store.Store;
import io.mailbin.store.sqlite.SqliteStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Mailbin: the store, the ingest pipeline, and the SMTP and HTTP listeners, wired by hand.
 * Starts in dependency order and stops in reverse, so no listener ever outlives what it writes to.
 */
public final class Mailbin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mailbin.class);

    private final Config config;
    private final Store store;
    private final AccountServices accounts;
    private final SmtpServer smtp;
    private final HttpApi http;
    private volatile boolean ready;

    private Mailbin(Config config, Store store, AccountServices accounts, SmtpServer smtp, HttpApi http) {
        this.config = config;
        this.store = store;
        this.accounts = accounts;
        this.smtp = smtp;
        this.http = http;
    }

    /** Starts every role; on failure releases what was started and throws with a one-line reason. */
    public static Mailbin start(Config config) {
        InetAddress bind = resolve(config.bind());
        Store store = SqliteStore.open(config.store(), config.retention());
        AccountServices accounts = null;
        SmtpServer smtp = null;
        HttpApi http = null;
        try {
            accounts = AccountServices.over(store, config.accounting());
            MailEvents events = new MailEvents();
            Ingest ingest = new Ingest(new MessageParser(), new Router(accounts.directory()), store.messages(), events);
            smtp = new SmtpServer(config.smtp(), config.hostname(), ingest);
            Mailbin[] self = new Mailbin[1];
            Config.Accounting a = config.accounting();
            http = new HttpApi(new HttpApi.Services(store.messages(), accounts.accounts(), accounts.directory(),
                    accounts.reservations(), accounts.domains(), accounts.validation(), events, a.publicInboxes(),
                    a.authDelay().toMillis(), a.publicDomains()), () -> self[0] != null && self[0].ready);
            smtp.start(bind);
            http.start(bind.getHostAddress(), config.httpPort());
            self[0] = new Mailbin(config, store, accounts, smtp, http);
            self[0].ready = true;
            log.info("Mailbin ready: SMTP on port {}, HTTP on {} (data in {})", smtp.port(),
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
            if (accounts != null) {
                accounts.close();
            }
            store.close();
            throw e;
        }
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

    public int httpPort() {
        return http.port();
    }

    public Store store() {
        return store;
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
        accounts.close();
        store.close();
        log.info("Mailbin stopped");
    }
}
