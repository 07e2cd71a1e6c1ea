package io.mailbin.config;

import io.mailbin.delivery.DeliverySettings;
import io.mailbin.ingest.SpamFilter;
import io.mailbin.smtp.AdmissionSettings;
import io.mailbin.smtp.AuthSettings;
import io.mailbin.smtp.RateLimit;
import io.mailbin.smtp.SmtpSettings;
import io.mailbin.smtp.TlsSettings;
import io.mailbin.store.RetentionPolicy;
import io.mailbin.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a Mailbin process is told at start: built once (from flags, environment or a test),
 * validated once, then passed by value. Each part of the server receives only its own section.
 */
public record Config(
        Path dataDir,
        String bind,
        String hostname,
        int httpPort,
        String publicUrl,
        SmtpSettings smtp,
        StoreSettings store,
        RetentionPolicy retention,
        Duration shutdownGrace,
        Accounting accounting,
        DeliverySettings delivery,
        SpamFilter.Settings spam) {

    /**
     * How accounts work on this server.
     *
     * @param adminKey            an operator key accepted on top of operator accounts' keys, or null
     * @param publicInboxes       false: reading any inbox needs a key
     * @param publicDomains       this server's own public domains (random addresses, {@code isDisposable})
     * @param accountMaxMessages  unstarred private messages kept per account; the oldest go first
     * @param directoryPoll       how often a change made by another process (the CLI) is looked for
     * @param authDelay           the first delay for a client that keeps sending bad keys; it doubles
     */
    public record Accounting(String adminKey, boolean publicInboxes, List<String> publicDomains,
                             int accountMaxMessages, Duration directoryPoll, Duration authDelay) {
        public Accounting {
            publicDomains = List.copyOf(publicDomains);
            if (accountMaxMessages < 1) {
                throw new IllegalArgumentException("--account-max-messages must be at least 1");
            }
        }
    }

    public Config {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(hostname, "hostname");
        checkPort("--http-port", httpPort);
        checkPort("--smtp-port", smtp.port());
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("--shutdown-grace must not be negative");
        }
    }

    static void checkPort(String flag, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(flag + " must be between 0 and 65535 (0 picks a free port), got " + port);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults are the ones documented in the README's configuration table. */
    public static final class Builder {
        private Path dataDir = Path.of("data");
        private String bind = "127.0.0.1";
        private String hostname = "localhost";
        private int httpPort = 8080;
        private String publicUrl;
        private int smtpPort = 2525;
        private long maxMessageSize = ByteSize.parse("10MB");
        private int maxRecipients = 100;
        private int maxErrors = 10;
        private Duration smtpIdleTimeout = Duration.ofMinutes(5);
        private Duration smtpSessionTimeout = Duration.ofMinutes(30);
        private long smtpMinDataRate = ByteSize.parse("10KB");
        private int smtpMaxLineLength = (int) ByteSize.parse("1MB");
        private int smtpCapacity; // 0: derived from the machine, see AdmissionSettings.defaultCapacity
        private int smtpEventLoops = -1; // -1: SmtpSettings.defaultEventLoops
        private Duration smtpQueueTimeout = Duration.ofSeconds(60);
        private int smtpMaxConnections = 10_000;
        private String smtpRatePerIp = "off";
        private String smtpRatePerDomain = "off";
        private List<String> smtpAllow = List.of();
        private Path smtpTlsCert;
        private Path smtpTlsKey;
        private int smtpsPort = -1;
        private boolean smtpRequireTls;
        private String smtpAuth = "any";
        private boolean smtpAuthInsecure;
        private String storeSync = "full";
        private int readThreads = 4;
        private int publicMaxMessages = 1000;
        private Duration publicMaxAge = Duration.ofDays(7);
        private long maxStoreSize = ByteSize.parse("10GB");
        private Duration retentionInterval = Duration.ofMinutes(1);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private String adminKey;
        private boolean publicInboxes = true;
        private List<String> publicDomains = List.of();
        private int accountMaxMessages = 10_000;
        private Duration directoryPoll = Duration.ofMillis(500);
        private Duration authDelay = Duration.ofMillis(250);
        private String relayHost;
        private int relayPort = 25;
        private String relayUser;
        private String relayPassword;
        private String relayTls = "none";
        private String relayFrom;
        private boolean allowPrivateWebhooks;
        private Duration retryBase = Duration.ofSeconds(5);
        private Duration giveUpAfter = Duration.ofDays(1);
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private int perTargetConcurrency = 4;
        private Duration wsPing = Duration.ofSeconds(15);
        private int wsMaxQueuedFrames = 256;
        private Duration maxWait = Duration.ofMinutes(2);
        private boolean spamFilter = true;
        private Double spamThreshold;
        private String spamLearning = "global";

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder bind(String v) { bind = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder publicUrl(String v) { publicUrl = v; return this; }
        public Builder smtpPort(int v) { smtpPort = v; return this; }
        public Builder maxMessageSize(long v) { maxMessageSize = v; return this; }
        public Builder maxRecipients(int v) { maxRecipients = v; return this; }
        public Builder maxErrors(int v) { maxErrors = v; return this; }
        public Builder smtpIdleTimeout(Duration v) { smtpIdleTimeout = v; return this; }
        public Builder smtpSessionTimeout(Duration v) { smtpSessionTimeout = v; return this; }
        public Builder smtpMinDataRate(long v) { smtpMinDataRate = v; return this; }
        public Builder smtpMaxLineLength(int v) { smtpMaxLineLength = v; return this; }
        public Builder smtpCapacity(int v) { smtpCapacity = v; return this; }
        public Builder smtpEventLoops(int v) { smtpEventLoops = v; return this; }
        public Builder smtpQueueTimeout(Duration v) { smtpQueueTimeout = v; return this; }
        public Builder smtpMaxConnections(int v) { smtpMaxConnections = v; return this; }
        public Builder smtpRatePerIp(String v) { smtpRatePerIp = v; return this; }
        public Builder smtpRatePerDomain(String v) { smtpRatePerDomain = v; return this; }
        public Builder smtpAllow(List<String> v) { smtpAllow = v; return this; }
        public Builder smtpTlsCert(Path v) { smtpTlsCert = v; return this; }
        public Builder smtpTlsKey(Path v) { smtpTlsKey = v; return this; }
        /** -1: no implicit-TLS port; 0: a free one. */
        public Builder smtpsPort(int v) { smtpsPort = v; return this; }
        public Builder smtpRequireTls(boolean v) { smtpRequireTls = v; return this; }
        public Builder smtpAuth(String v) { smtpAuth = v; return this; }
        public Builder smtpAuthInsecure(boolean v) { smtpAuthInsecure = v; return this; }
        public Builder storeSync(String v) { storeSync = v; return this; }
        public Builder readThreads(int v) { readThreads = v; return this; }
        public Builder publicMaxMessages(int v) { publicMaxMessages = v; return this; }
        public Builder publicMaxAge(Duration v) { publicMaxAge = v; return this; }
        public Builder maxStoreSize(long v) { maxStoreSize = v; return this; }
        public Builder retentionInterval(Duration v) { retentionInterval = v; return this; }
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }
        public Builder adminKey(String v) { adminKey = v; return this; }
        public Builder publicInboxes(boolean v) { publicInboxes = v; return this; }
        public Builder publicDomains(List<String> v) { publicDomains = v; return this; }
        public Builder accountMaxMessages(int v) { accountMaxMessages = v; return this; }
        public Builder directoryPoll(Duration v) { directoryPoll = v; return this; }
        public Builder authDelay(Duration v) { authDelay = v; return this; }
        public Builder relayHost(String v) { relayHost = v; return this; }
        public Builder relayPort(int v) { relayPort = v; return this; }
        public Builder relayUser(String v) { relayUser = v; return this; }
        public Builder relayPassword(String v) { relayPassword = v; return this; }
        public Builder relayTls(String v) { relayTls = v; return this; }
        public Builder relayFrom(String v) { relayFrom = v; return this; }
        public Builder allowPrivateWebhooks(boolean v) { allowPrivateWebhooks = v; return this; }
        public Builder retryBase(Duration v) { retryBase = v; return this; }
        public Builder giveUpAfter(Duration v) { giveUpAfter = v; return this; }
        public Builder webhookTimeout(Duration v) { webhookTimeout = v; return this; }
        public Builder perTargetConcurrency(int v) { perTargetConcurrency = v; return this; }
        public Builder wsPing(Duration v) { wsPing = v; return this; }
        public Builder wsMaxQueuedFrames(int v) { wsMaxQueuedFrames = v; return this; }
        public Builder maxWait(Duration v) { maxWait = v; return this; }
        public Builder spamFilter(boolean v) { spamFilter = v; return this; }
        public Builder spamThreshold(Double v) { spamThreshold = v; return this; }
        public Builder spamLearning(String v) { spamLearning = v; return this; }

        public Config build() {
            String url = publicUrl != null && !publicUrl.isBlank()
                    ? publicUrl.replaceAll("/+$", "")
                    : "http://" + ("0.0.0.0".equals(bind) || "::".equals(bind) ? hostname : bind) + ":" + httpPort;
            return new Config(
                    dataDir,
                    bind,
                    hostname,
                    httpPort,
                    url,
                    new SmtpSettings(smtpPort, maxMessageSize, maxRecipients, maxErrors, smtpIdleTimeout,
                            smtpSessionTimeout, smtpMinDataRate, smtpMaxLineLength,
                            new AdmissionSettings(
                                    smtpCapacity > 0 ? smtpCapacity : AdmissionSettings.defaultCapacity(maxMessageSize),
                                    smtpQueueTimeout, smtpMaxConnections,
                                    RateLimit.parse("--smtp-rate-per-ip", smtpRatePerIp),
                                    RateLimit.parse("--smtp-rate-per-domain", smtpRatePerDomain),
                                    smtpAllow),
                            new TlsSettings(smtpTlsCert, smtpTlsKey, smtpsPort, smtpRequireTls),
                            new AuthSettings(AuthSettings.Mode.parse(smtpAuth), smtpAuthInsecure),
                            smtpEventLoops >= 0 ? smtpEventLoops : SmtpSettings.defaultEventLoops(Runtime.getRuntime().availableProcessors())),
                    new StoreSettings(dataDir, StoreSettings.Sync.parse(storeSync), readThreads),
                    new RetentionPolicy(publicMaxMessages, publicMaxAge, maxStoreSize, retentionInterval),
                    shutdownGrace,
                    new Accounting(adminKey == null || adminKey.isBlank() ? null : adminKey.trim(), publicInboxes,
                            publicDomains.isEmpty() ? List.of(hostname) : publicDomains,
                            accountMaxMessages, directoryPoll, authDelay),
                    new DeliverySettings(retryBase, giveUpAfter, webhookTimeout, perTargetConcurrency, 64 * 1024,
                            allowPrivateWebhooks, url, hostname, relay(), wsPing, wsMaxQueuedFrames, maxWait),
                    new SpamFilter.Settings(spamFilter, spamThreshold(), learning()));
        }

        private Double spamThreshold() {
            if (spamThreshold != null && (spamThreshold <= 0 || spamThreshold >= 1)) {
                throw new IllegalArgumentException("--spam-threshold must be between 0 and 1 (exclusive), got " + spamThreshold);
            }
            return spamThreshold;
        }

        private SpamFilter.Learning learning() {
            try {
                return SpamFilter.Learning.valueOf(spamLearning.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--spam-learning must be global, account or off, got '" + spamLearning + "'");
            }
        }

        private DeliverySettings.Relay relay() {
            if (relayHost == null || relayHost.isBlank()) {
                return null;
            }
            String tls = relayTls == null ? "none" : relayTls.trim().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("none", "starttls", "tls").contains(tls)) {
                throw new IllegalArgumentException("--relay-tls must be none, starttls or tls, got '" + relayTls + "'");
            }
            checkPort("--relay-port", relayPort);
            return new DeliverySettings.Relay(relayHost.trim(), relayPort, blankToNull(relayUser), blankToNull(relayPassword),
                    tls, relayFrom == null || relayFrom.isBlank() ? "mailbin@" + hostname : relayFrom.trim());
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
