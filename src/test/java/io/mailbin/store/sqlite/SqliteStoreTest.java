package io.mailbin.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailbin.store.InboxQuery;
import io.mailbin.store.Store;
import io.mailbin.store.AccountStoreContract;
import io.mailbin.store.MessageStoreContract;
import io.mailbin.store.PrivateMessagesContract;
import io.mailbin.store.RetentionPolicy;
import io.mailbin.store.StoreSettings;
import io.mailbin.store.StoredMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the embedded SQLite store, plus what only SQLite has: files, migrations, retention jobs. */
class SqliteStoreTest extends MessageStoreContract implements PrivateMessagesContract, AccountStoreContract {
    @TempDir
    Path dir;
    private RetentionPolicy policy;

    @Override
    public Store backend() {
        return backend;
    }

    @Override
    protected Store open(RetentionPolicy policy) {
        this.policy = policy;
        return SqliteStore.open(new StoreSettings(dir, StoreSettings.Sync.NORMAL, 2), policy);
    }

    @Override
    protected Store reopen(Store current) {
        current.close();
        return SqliteStore.open(new StoreSettings(dir, StoreSettings.Sync.NORMAL, 2), policy);
    }

    @Test
    void schemaVersionIsRecorded() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE))) {
            assertThat(Migrations.userVersion(c)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aDataDirectoryWrittenByANewerVersionIsRefused() throws Exception {
        backend.close();
        int current;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE))) {
            current = Migrations.userVersion(c);
            c.createStatement().executeUpdate("PRAGMA user_version = 999");
        }
        assertThatThrownBy(() -> open(noLimits()))
                .hasMessageContaining("newer Mailbin");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE))) {
            c.createStatement().executeUpdate("PRAGMA user_version = " + current);
        }
        use(open(noLimits()));
    }

    @Test
    void anUnwritableDataDirectoryIsAClearError() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
        try {
            if (Files.isWritable(locked)) {
                return; // running as root: permissions do not bind, nothing to test
            }
            assertThatThrownBy(() -> SqliteStore.open(new StoreSettings(locked, StoreSettings.Sync.FULL, 1), noLimits()))
                    .hasMessageContaining("is not writable");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void oldPublicMailIsRemovedByTheRetentionJob() throws Exception {
        StoredMessage old = saveOne("old@x.test");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE))) {
            c.createStatement().executeUpdate("UPDATE messages SET received = received - 86400000 * 10 WHERE id = '" + old.id() + "'");
        }
        backend.close();
        use(open(new RetentionPolicy(0, Duration.ofDays(4), 0, Duration.ofHours(1))));
        StoredMessage fresh = saveOne("old@x.test");
        ((SqliteStore) backend).enforceRetention();
        assertThat(store.find(old.id())).isEmpty();
        assertThat(store.find(fresh.id())).isPresent();
    }

    @Test
    void theStoreSizeCapEvictsTheOldestPublicMail() throws Exception {
        backend.close();
        use(open(new RetentionPolicy(0, Duration.ZERO, 20_000, Duration.ofHours(1))));
        String body = "Subject: filler\r\n\r\n" + "x".repeat(1000) + "\r\n";
        List<StoredMessage> saved = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            saved.add(store.save(mail(body, copy("fill" + (i % 3) + "@x.test", "fill@x.test"))).getFirst());
        }
        ((SqliteStore) backend).enforceRetention();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.FILE));
             ResultSet r = c.createStatement().executeQuery("SELECT raw_bytes FROM store_stats")) {
            r.next();
            assertThat(r.getLong(1)).isLessThanOrEqualTo(20_000);
        }
        assertThat(store.find(saved.getFirst().id())).isEmpty();
        assertThat(store.find(saved.getLast().id())).isPresent();
        assertThat(store.list(new InboxQuery("fill0@x.test", null, null, 100))).isNotEmpty();
    }

    /**
     * The log is copied back into the database file only every {@link Connections#WAL_CHECKPOINT_PAGES}
     * pages (SQLite's default of 1,000 cost ingest about a tenth of its rate), and a clean close still folds
     * it all back: the data directory is left as one self-contained file.
     */
    @Test
    void theWriteAheadLogGrowsPastSqlitesDefaultAndIsFoldedBackOnClose() {
        Path wal = dir.resolve(SqliteStore.FILE + "-wal");
        String body = "Subject: big\r\n\r\n" + "y".repeat(12_000) + "\r\n"; // three pages of raw bytes each
        List<StoredMessage> saved = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            saved.add(store.save(mail(body, copy("log" + i + "@x.test", "log" + i + "@x.test"))).getFirst());
        }
        long pages = wal.toFile().length() / 4096;
        assertThat(pages).isGreaterThan(1_200).isLessThan(Connections.WAL_CHECKPOINT_PAGES + 100);
        use(reopen(backend));
        assertThat(store.find(saved.getFirst().id())).isPresent();
        assertThat(store.find(saved.getLast().id())).isPresent();
        backend.close();
        assertThat(wal.toFile().length()).isZero();
        use(open(policy));
    }
}
