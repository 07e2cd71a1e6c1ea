package io.mailbin.config;

import io.mailbin.smtp.SmtpSettings;
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
        Accounting accounting) {

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
                    new SmtpSettings(smtpPort, maxMessageSize, maxRecipients, maxErrors, smtpIdleTimeout),
                    new StoreSettings(dataDir, StoreSettings.Sync.parse(storeSync), readThreads),
                    new RetentionPolicy(publicMaxMessages, publicMaxAge, maxStoreSize, retentionInterval),
                    shutdownGrace,
                    new Accounting(adminKey == null || adminKey.isBlank() ? null : adminKey.trim(), publicInboxes,
                            publicDomains.isEmpty() ? List.of(hostname) : publicDomains,
                            accountMaxMessages, directoryPoll, authDelay));
        }
    }
}
