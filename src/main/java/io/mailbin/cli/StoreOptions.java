package io.mailbin.cli;

import io.mailbin.account.AccountServices;
import io.mailbin.config.Config;
import io.mailbin.store.Store;
import io.mailbin.store.sqlite.SqliteStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that works on the data directory shares. Such commands may run while the
 * server runs: the store is shared safely, and the server notices changes within a second.
 */
final class StoreOptions {
    @Option(names = "--data-dir", defaultValue = "${env:MAILBIN_DATA_DIR:-data}",
            description = "Where mail is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--account-max-messages", defaultValue = "${env:MAILBIN_ACCOUNT_MAX_MESSAGES:-10000}",
            description = "Message limit given to new accounts (default: ${DEFAULT-VALUE}).")
    int accountMaxMessages;

    @Option(names = "--public-domains", defaultValue = "${env:MAILBIN_PUBLIC_DOMAINS:-}", split = ",",
            description = "This server's own public domains, which no account may own (default: none).")
    java.util.List<String> publicDomains;

    Config config() {
        return Config.builder().dataDir(dataDir).accountMaxMessages(accountMaxMessages)
                .publicDomains(publicDomains == null ? java.util.List.of() : publicDomains.stream().filter(d -> !d.isBlank()).toList())
                .build();
    }

    /** The open store and its account services; close both when done. */
    record Opened(Store store, AccountServices services) implements AutoCloseable {
        @Override
        public void close() {
            services.close();
            store.close();
        }
    }

    Opened open() {
        Config config = config();
        Store store = SqliteStore.open(config.store(), config.retention());
        return new Opened(store, AccountServices.over(store, config.accounting()));
    }

    /** Just the store, for commands that need no account services. */
    Store openStore() {
        Config config = config();
        return SqliteStore.open(config.store(), config.retention());
    }
}
