package io.mailbin.store.sqlite;

import io.mailbin.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/** Opens connections to the store's database file with the pragmas every connection needs. */
final class Connections {
    private final String url;
    private final StoreSettings settings;

    Connections(Path file, StoreSettings settings) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.settings = settings;
    }

    Connection writer() throws SQLException {
        SQLiteConfig config = base();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(settings.sync() == StoreSettings.Sync.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        return config.createConnection(url);
    }

    Connection reader() throws SQLException {
        SQLiteConfig config = base();
        config.setReadOnly(true);
        return config.createConnection(url);
    }

    private static SQLiteConfig base() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(-16_000); // 16 MB page cache per connection
        // Ids come back through RETURNING; otherwise the driver runs an extra query after every INSERT.
        config.setGetGeneratedKeys(false);
        return config;
    }
}
