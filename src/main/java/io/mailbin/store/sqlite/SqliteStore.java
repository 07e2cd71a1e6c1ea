package io.mailbin.store.sqlite;

import io.mailbin.store.AccountStore;
import io.mailbin.store.DenyListStore;
import io.mailbin.store.MessageStore;
import io.mailbin.store.OutboxStore;
import io.mailbin.store.RetentionPolicy;
import io.mailbin.store.SpamModelStore;
import io.mailbin.store.Store;
import io.mailbin.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded store: one SQLite database in WAL mode under the data directory. All writes go through
 * one group-committing {@link Writer}, all reads through {@link Readers}; each kind of data has its
 * own class over them.
 */
public final class SqliteStore implements Store {
    static final String FILE = "mailbin.db";

    private final Writer writer;
    private final Readers readers;
    private final Retention retention;
    private final SqliteMessages messages;
    private final SqliteAccounts accounts;
    private final SqliteOutbox outbox;
    private final SqliteSpamModels spamModels;
    private final SqliteDenyList denyList;

    private SqliteStore(Connection writerConnection, Connections connections, StoreSettings settings,
                        RetentionPolicy policy, long latestReceived) {
        InboxLimits limits = new InboxLimits(policy.publicMaxMessages());
        this.writer = new Writer(writerConnection, 4096, limits::rolledBack);
        this.readers = new Readers(connections, settings.readThreads());
        this.retention = new Retention(writer, policy, limits);
        writer.beforeEachCommit(limits::beforeCommit);
        writer.beforeEachCommit(retention::beforeCommit);
        this.messages = new SqliteMessages(writer, readers, new SummaryCodec(), new ReceivedClock(latestReceived),
                limits, retention);
        this.accounts = new SqliteAccounts(writer, readers);
        this.outbox = new SqliteOutbox(writer, readers);
        this.spamModels = new SqliteSpamModels(writer, readers);
        this.denyList = new SqliteDenyList(writer, readers);
    }

    /** Opens (creating or migrating) the store in {@code settings.dataDir()}. */
    public static SqliteStore open(StoreSettings settings, RetentionPolicy policy) {
        Path dir = settings.dataDir();
        checkWritable(dir);
        Connections connections = new Connections(dir.resolve(FILE), settings);
        Connection c = null;
        try {
            c = connections.writer();
            Migrations.apply(c);
            long latest;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT max(received) FROM messages")) {
                latest = r.next() ? r.getLong(1) : 0;
            }
            SqliteStore store = new SqliteStore(c, connections, settings, policy, latest);
            store.writer.start();
            store.outbox.releaseLeases();
            store.retention.start();
            return store;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot open the store in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }

    private static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("data directory " + dir.toAbsolutePath() + " is not writable ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public SpamModelStore spamModels() {
        return spamModels;
    }

    @Override
    public DenyListStore denyList() {
        return denyList;
    }

    /**
     * Reports each group commit's duration (nanoseconds) and size (tasks), and exposes the write backlog,
     * for metrics; the store itself stays free of any metrics library.
     */
    public void observeCommits(java.util.function.BiConsumer<Long, Integer> committed) {
        writer.observe(committed::accept);
    }

    /** Writes waiting for the next commit. */
    public int writeBacklog() {
        return writer.backlog();
    }

    /**
     * Caps the database file at its current size, as a full disk would: every write that needs a new
     * page then fails with SQLITE_FULL, through the same code path a real full disk takes. Used by the
     * store-outage tests; {@link #liftSizeCap()} undoes it.
     */
    public void capAtCurrentSize() {
        writer.execute(db -> {
            try (Statement s = db.connection().createStatement()) {
                long pages;
                try (ResultSet r = s.executeQuery("PRAGMA page_count")) {
                    r.next();
                    pages = r.getLong(1);
                }
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }

    public void liftSizeCap() {
        writer.execute(db -> {
            try (Statement s = db.connection().createStatement()) {
                s.execute("PRAGMA max_page_count = 4294967294");
            }
            return null;
        });
    }

    /** Runs the retention rules now instead of waiting for the next scheduled pass. */
    public void enforceRetention() {
        retention.runOnce();
    }

    @Override
    public void close() {
        retention.close();
        writer.close();
        readers.close();
    }
}
