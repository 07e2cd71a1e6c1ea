package io.mailbin.cli;

import io.mailbin.config.Config;
import io.mailbin.store.Store;
import io.mailbin.store.StoreSettings;
import io.mailbin.store.sqlite.SqliteStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} for commands that work on the store of a (possibly running) server, as {@code serve} takes it. */
final class StoreOptions {
    @Option(names = "--data-dir", defaultValue = "${env:MAILBIN_DATA_DIR:-data}",
            description = "Where mail is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** Opens the embedded store; a running server shares it safely (SQLite locks, its writer waits). */
    Store open() {
        Config defaults = Config.builder().dataDir(dataDir).build();
        return SqliteStore.open(new StoreSettings(dataDir, StoreSettings.Sync.FULL, 1), defaults.retention());
    }
}
