package io.mailbin.cli;

import io.mailbin.Mailbin;
import io.mailbin.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailbin serve}: runs every role on the embedded store until SIGTERM or Ctrl-C. Every flag can
 * also be set as an environment variable {@code MAILBIN_<FLAG>} (e.g. {@code MAILBIN_SMTP_PORT}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run Mailbin: SMTP in, REST API out, on the embedded store.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:MAILBIN_DATA_DIR:-data}",
            description = "Where mail is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "${env:MAILBIN_BIND:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--hostname", defaultValue = "${env:MAILBIN_HOSTNAME:-localhost}",
            description = "Name used in the SMTP greeting and Received headers (default: ${DEFAULT-VALUE}).")
    String hostname;

    @Option(names = "--smtp-port", defaultValue = "${env:MAILBIN_SMTP_PORT:-2525}",
            description = "Inbound SMTP port (default: ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--http-port", defaultValue = "${env:MAILBIN_HTTP_PORT:-8080}",
            description = "REST API port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--public-url", defaultValue = "${env:MAILBIN_PUBLIC_URL:-}",
            description = "How users reach the API, for links (default: http://<bind>:<http-port>).")
    String publicUrl;

    @Option(names = "--max-message-size", defaultValue = "${env:MAILBIN_MAX_MESSAGE_SIZE:-10MB}",
            converter = Converters.Size.class,
            description = "Largest message accepted; larger mail gets 552 (default: ${DEFAULT-VALUE}; Mailsac: 2.5MB).")
    long maxMessageSize;

    @Option(names = "--smtp-max-recipients", defaultValue = "${env:MAILBIN_SMTP_MAX_RECIPIENTS:-100}",
            description = "Recipients per message before 452 (default: ${DEFAULT-VALUE}).")
    int maxRecipients;

    @Option(names = "--smtp-max-errors", defaultValue = "${env:MAILBIN_SMTP_MAX_ERRORS:-10}",
            description = "Bad commands a client may send before it is disconnected (default: ${DEFAULT-VALUE}).")
    int maxErrors;

    @Option(names = "--smtp-idle-timeout", defaultValue = "${env:MAILBIN_SMTP_IDLE_TIMEOUT:-5m}",
            converter = Converters.Time.class,
            description = "Silence before an SMTP session is closed (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--smtp-session-timeout", defaultValue = "${env:MAILBIN_SMTP_SESSION_TIMEOUT:-30m}",
            converter = Converters.Time.class,
            description = "Longest an SMTP session may last (default: ${DEFAULT-VALUE}).")
    Duration sessionTimeout;

    @Option(names = "--smtp-min-data-rate", defaultValue = "${env:MAILBIN_SMTP_MIN_DATA_RATE:-10KB}",
            converter = Converters.Size.class,
            description = "Bytes per second a client must keep up during DATA after an allowance of the idle timeout;"
                    + " slower ones are dropped, 0 = off (default: ${DEFAULT-VALUE}).")
    long minDataRate;

    @Option(names = "--smtp-max-line-length", defaultValue = "${env:MAILBIN_SMTP_MAX_LINE_LENGTH:-1MB}",
            converter = Converters.Size.class,
            description = "Longest line accepted in a message, else 552 (default: ${DEFAULT-VALUE}; RFC 5322 says 998).")
    long maxLineLength;

    @Option(names = "--smtp-capacity", defaultValue = "${env:MAILBIN_SMTP_CAPACITY:-auto}",
            description = "Messages processed at once; further connections wait in a queue (default: ${DEFAULT-VALUE}:"
                    + " 16 per CPU, at most what half the heap holds at --max-message-size).")
    String smtpCapacity;

    @Option(names = "--smtp-event-loops", defaultValue = "${env:MAILBIN_SMTP_EVENT_LOOPS:-auto}",
            description = "Event-loop threads serving plain-text SMTP sessions (default: ${DEFAULT-VALUE}: one per CPU);"
                    + " 0 runs every session on a virtual thread of its own.")
    String smtpEventLoops;

    @Option(names = "--smtp-queue-timeout", defaultValue = "${env:MAILBIN_SMTP_QUEUE_TIMEOUT:-60s}",
            converter = Converters.Time.class,
            description = "How long a connection waits for capacity before it gets 421 (default: ${DEFAULT-VALUE}).")
    Duration smtpQueueTimeout;

    @Option(names = "--smtp-max-connections", defaultValue = "${env:MAILBIN_SMTP_MAX_CONNECTIONS:-10000}",
            description = "Open SMTP connections, processing or queued; past it new ones get 421 at once (default: ${DEFAULT-VALUE}).")
    int smtpMaxConnections;

    @Option(names = "--smtp-rate-per-ip", defaultValue = "${env:MAILBIN_SMTP_RATE_PER_IP:-off}",
            description = "Messages per remote IP, e.g. 100/1m or 600/1h,burst=50; over it: 421 (default: ${DEFAULT-VALUE}).")
    String ratePerIp;

    @Option(names = "--smtp-rate-per-domain", defaultValue = "${env:MAILBIN_SMTP_RATE_PER_DOMAIN:-off}",
            description = "Messages per sender (MAIL FROM) domain, same syntax; over it: 421 (default: ${DEFAULT-VALUE}).")
    String ratePerDomain;

    @Option(names = "--smtp-allow", split = ",", defaultValue = "${env:MAILBIN_SMTP_ALLOW:-}",
            description = "IPs, CIDR blocks and sender domains exempt from the rate limits, comma separated.")
    java.util.List<String> allow;

    @Option(names = "--smtp-tls-cert", defaultValue = "${env:MAILBIN_SMTP_TLS_CERT}",
            description = "PEM certificate chain for STARTTLS and SMTPS (default: a self-signed one made at start).")
    Path tlsCert;

    @Option(names = "--smtp-tls-key", defaultValue = "${env:MAILBIN_SMTP_TLS_KEY}",
            description = "PEM private key for --smtp-tls-cert (PKCS#8, or traditional RSA/EC).")
    Path tlsKey;

    @Option(names = "--smtps-port", defaultValue = "${env:MAILBIN_SMTPS_PORT:-off}",
            description = "Port for implicit TLS (SMTPS, e.g. 465), or off (default: ${DEFAULT-VALUE}).")
    String smtpsPort;

    @Option(names = "--smtp-require-tls", defaultValue = "${env:MAILBIN_SMTP_REQUIRE_TLS:-false}",
            description = "Refuse MAIL with 530 until the client has started TLS (default: ${DEFAULT-VALUE}).")
    boolean requireTls;

    @Option(names = "--smtp-auth", defaultValue = "${env:MAILBIN_SMTP_AUTH:-any}",
            description = "SMTP AUTH (PLAIN, LOGIN): any = accept any credentials (capture mode), accounts = an account"
                    + " name with its API key, off = not offered"
                    + " (default: ${DEFAULT-VALUE}).")
    String smtpAuth;

    @Option(names = "--smtp-auth-insecure", defaultValue = "${env:MAILBIN_SMTP_AUTH_INSECURE:-false}",
            description = "Offer AUTH before STARTTLS too; passwords then travel in clear text (default: ${DEFAULT-VALUE}).")
    boolean smtpAuthInsecure;

    @Option(names = "--public-max-messages", defaultValue = "${env:MAILBIN_PUBLIC_MAX_MESSAGES:-1000}",
            description = "Newest messages kept per public inbox, 0 = no limit (default: ${DEFAULT-VALUE}; Mailsac: 6).")
    int publicMaxMessages;

    @Option(names = "--public-max-age", defaultValue = "${env:MAILBIN_PUBLIC_MAX_AGE:-7d}",
            converter = Converters.Time.class,
            description = "Public mail older than this is removed, 0 = never (default: ${DEFAULT-VALUE}; Mailsac: 4d).")
    Duration publicMaxAge;

    @Option(names = "--max-store-size", defaultValue = "${env:MAILBIN_MAX_STORE_SIZE:-10GB}",
            converter = Converters.Size.class,
            description = "Cap on stored raw mail; the oldest public mail goes first, 0 = no cap (default: ${DEFAULT-VALUE}).")
    long maxStoreSize;

    @Option(names = "--retention-interval", defaultValue = "${env:MAILBIN_RETENTION_INTERVAL:-1m}",
            converter = Converters.Time.class,
            description = "How often expired mail is removed (default: ${DEFAULT-VALUE}).")
    Duration retentionInterval;

    @Option(names = "--store-sync", defaultValue = "${env:MAILBIN_STORE_SYNC:-full}",
            description = "full: a 250 survives power loss; normal: survives a crash, faster (default: ${DEFAULT-VALUE}).")
    String storeSync;

    @Option(names = "--shutdown-grace", defaultValue = "${env:MAILBIN_SHUTDOWN_GRACE:-30s}",
            converter = Converters.Time.class,
            description = "How long SMTP transactions in progress may take to finish on shutdown (default: ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--admin-key", defaultValue = "${env:MAILBIN_ADMIN_KEY:-}",
            description = "An operator key that may manage every account (default: none; operator accounts also work).")
    String adminKey;

    @Option(names = "--public-inboxes", defaultValue = "${env:MAILBIN_PUBLIC_INBOXES:-true}", arity = "1",
            description = "Whether inboxes nobody owns may be read without a key (default: ${DEFAULT-VALUE}).")
    boolean publicInboxes;

    @Option(names = "--public-domains", defaultValue = "${env:MAILBIN_PUBLIC_DOMAINS:-}", split = ",",
            description = "This server's own domains for public inboxes, comma-separated (default: the --hostname).")
    List<String> publicDomains;

    @Option(names = "--account-max-messages", defaultValue = "${env:MAILBIN_ACCOUNT_MAX_MESSAGES:-10000}",
            description = "Unstarred private messages kept per account; the oldest go first (default: ${DEFAULT-VALUE}).")
    int accountMaxMessages;

    @Option(names = "--relay-host", defaultValue = "${env:MAILBIN_RELAY_HOST:-}",
            description = "Smart host that email forwards are sent through (default: none; forwards then fail with that reason).")
    String relayHost;

    @Option(names = "--relay-port", defaultValue = "${env:MAILBIN_RELAY_PORT:-25}",
            description = "Smart host port (default: ${DEFAULT-VALUE}).")
    int relayPort;

    @Option(names = "--relay-user", defaultValue = "${env:MAILBIN_RELAY_USER:-}", description = "Smart host user name.")
    String relayUser;

    @Option(names = "--relay-password", defaultValue = "${env:MAILBIN_RELAY_PASSWORD:-}", description = "Smart host password.")
    String relayPassword;

    @Option(names = "--relay-tls", defaultValue = "${env:MAILBIN_RELAY_TLS:-none}",
            description = "none, starttls (required) or tls (implicit) (default: ${DEFAULT-VALUE}).")
    String relayTls;

    @Option(names = "--relay-from", defaultValue = "${env:MAILBIN_RELAY_FROM:-}",
            description = "Envelope sender of forwards (default: mailbin@<hostname>).")
    String relayFrom;

    @Option(names = "--allow-private-webhooks", defaultValue = "${env:MAILBIN_ALLOW_PRIVATE_WEBHOOKS:-false}", arity = "0..1",
            description = "Let webhook and Slack targets be loopback, private, link-local or multicast addresses (default: ${DEFAULT-VALUE}).")
    boolean allowPrivateWebhooks;

    @Option(names = "--delivery-retry-base", defaultValue = "${env:MAILBIN_DELIVERY_RETRY_BASE:-5s}",
            converter = Converters.Time.class,
            description = "First retry delay of a failed delivery; it doubles, with jitter, up to 1h (default: ${DEFAULT-VALUE}).")
    Duration retryBase;

    @Option(names = "--delivery-give-up-after", defaultValue = "${env:MAILBIN_DELIVERY_GIVE_UP_AFTER:-1d}",
            converter = Converters.Time.class,
            description = "A delivery not done this long after the mail arrived is given up (default: ${DEFAULT-VALUE}).")
    Duration giveUpAfter;

    @Option(names = "--webhook-timeout", defaultValue = "${env:MAILBIN_WEBHOOK_TIMEOUT:-10s}",
            converter = Converters.Time.class,
            description = "Connect and read timeout of webhook, Slack and relay calls (default: ${DEFAULT-VALUE}).")
    Duration webhookTimeout;

    @Option(names = "--delivery-concurrency-per-target", defaultValue = "${env:MAILBIN_DELIVERY_CONCURRENCY_PER_TARGET:-4}",
            description = "Deliveries in flight to one host at a time (default: ${DEFAULT-VALUE}).")
    int perTargetConcurrency;

    @Option(names = "--ws-max-queued-frames", defaultValue = "${env:MAILBIN_WS_MAX_QUEUED_FRAMES:-256}",
            description = "Unsent frames before a slow web socket is closed (default: ${DEFAULT-VALUE}).")
    int wsMaxQueuedFrames;

    @Option(names = "--spam-filter", defaultValue = "${env:MAILBIN_SPAM_FILTER:-true}", arity = "1",
            description = "Score every message and file likely spam in the spam folder (default: ${DEFAULT-VALUE}).")
    boolean spamFilter;

    @Option(names = "--spam-threshold", defaultValue = "${env:MAILBIN_SPAM_THRESHOLD:-}",
            description = "Score at or above which mail goes to the spam folder (default: the model's own, tuned to about 1 false positive per 800 ham).")
    String spamThreshold;

    @Option(names = "--spam-learning", defaultValue = "${env:MAILBIN_SPAM_LEARNING:-global}",
            description = "Where moving mail in or out of the spam folder teaches: global, account (a model per account) or off (default: ${DEFAULT-VALUE}).")
    String spamLearning;

    Config config() {
        return Config.builder()
                .dataDir(dataDir).bind(bind).hostname(hostname).smtpPort(smtpPort).httpPort(httpPort)
                .publicUrl(publicUrl).maxMessageSize(maxMessageSize).maxRecipients(maxRecipients).maxErrors(maxErrors)
                .smtpIdleTimeout(idleTimeout).smtpCapacity(capacity(smtpCapacity)).smtpEventLoops(eventLoops(smtpEventLoops)).smtpQueueTimeout(smtpQueueTimeout)
                .smtpMaxConnections(smtpMaxConnections)
                .smtpRatePerIp(ratePerIp).smtpRatePerDomain(ratePerDomain)
                .smtpAllow(allow == null ? java.util.List.of() : allow.stream().filter(a -> !a.isBlank()).toList())
                .smtpTlsCert(tlsCert).smtpTlsKey(tlsKey).smtpsPort(port("--smtps-port", smtpsPort)).smtpRequireTls(requireTls)
                .smtpAuth(smtpAuth).smtpAuthInsecure(smtpAuthInsecure)
                .smtpSessionTimeout(sessionTimeout).smtpMinDataRate(minDataRate)
                .smtpMaxLineLength((int) Math.min(Integer.MAX_VALUE, maxLineLength)).publicMaxMessages(publicMaxMessages).publicMaxAge(publicMaxAge)
                .maxStoreSize(maxStoreSize).retentionInterval(retentionInterval).storeSync(storeSync)
                .shutdownGrace(shutdownGrace)
                .adminKey(adminKey).publicInboxes(publicInboxes)
                .publicDomains(publicDomains == null ? List.of() : publicDomains.stream().filter(d -> !d.isBlank()).toList())
                .accountMaxMessages(accountMaxMessages)
                .relayHost(relayHost).relayPort(relayPort).relayUser(relayUser).relayPassword(relayPassword)
                .relayTls(relayTls).relayFrom(relayFrom).allowPrivateWebhooks(allowPrivateWebhooks)
                .retryBase(retryBase).giveUpAfter(giveUpAfter).webhookTimeout(webhookTimeout)
                .perTargetConcurrency(perTargetConcurrency).wsMaxQueuedFrames(wsMaxQueuedFrames)
                .spamFilter(spamFilter).spamLearning(spamLearning)
                .spamThreshold(spamThreshold == null || spamThreshold.isBlank() ? null : parseThreshold(spamThreshold))
                .build();
    }

    private static int port(String flag, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("off")) {
            return -1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be 'off' or a port number, got '" + value + "'");
        }
    }

    private static int capacity(String value) {
        if (value.isBlank() || value.equalsIgnoreCase("auto")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--smtp-capacity must be 'auto' or a positive number, got '" + value + "'");
        }
    }

    private static int eventLoops(String value) {
        if (value.isBlank() || value.equalsIgnoreCase("auto")) {
            return -1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--smtp-event-loops must be 'auto' or a number, got '" + value + "'");
        }
    }

    private static Double parseThreshold(String text) {
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--spam-threshold must be a number between 0 and 1, got '" + text + "'");
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Mailbin mailbin = Mailbin.start(config());
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run shutdown hooks: finish SMTP transactions in progress and flush the store.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            mailbin.close();
            stopped.countDown();
        }));
        stopped.await();
        return MailbinCommand.KEEP_RUNNING;
    }
}
