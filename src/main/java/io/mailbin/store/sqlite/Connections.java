package io.mailbin.store.sqlite;

import io.mailbin.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        Connection c = config.createConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = " + WAL_CHECKPOINT_PAGES);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * WAL pages after which a commit copies the log back into the database file (SQLite's default is
     * 1,000). The writer thread runs that checkpoint inside a commit, so every message queued behind it
     * waits; and most pages a commit writes (index leaves, page 1, the stats row) are the same few hot
     * pages, which one checkpoint copies once however often they were logged. At 10,000 pages (a 40 MB
     * log) checkpoints come ten times less often and copy far fewer pages per message: 2 KB x 10 ingest
     * went from 6,203 to 6,804 msgs/s and from 191 to 180 us of CPU per message (bench/ab.sh with two
     * builds, six interleaved pairs, all in favour); 30,000 gained nothing more.
     */
    static final int WAL_CHECKPOINT_PAGES = 10_000;

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
