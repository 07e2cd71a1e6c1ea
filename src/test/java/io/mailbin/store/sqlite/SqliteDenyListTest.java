package io.mailbin.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.store.DenyListStore;
import io.mailbin.store.RetentionPolicy;
import io.mailbin.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deny-list table: add, replace a reason, remove, list in order, a version that moves, and persistence. */
class SqliteDenyListTest {
    @TempDir
    Path dir;

    private SqliteStore open() {
        return SqliteStore.open(new StoreSettings(dir, StoreSettings.Sync.NORMAL, 1),
                new RetentionPolicy(0, Duration.ZERO, 0, Duration.ofMinutes(1)));
    }

    @Test
    void entriesAreKeptAcrossRestartsAndEveryChangeMovesTheVersion() {
        try (SqliteStore store = open()) {
            DenyListStore d = store.denyList();
            long v0 = d.version();
            d.add("spam.test", "phishing");
            d.add("192.0.2.0/24", "botnet");
            assertThat(d.version()).isGreaterThan(v0);
            long v1 = d.version();
            d.add("spam.test", "phishing, still");
            assertThat(d.version()).isGreaterThan(v1);
            assertThat(d.list()).extracting(DenyListStore.Entry::entry).containsExactlyInAnyOrder("spam.test", "192.0.2.0/24");
            assertThat(d.remove("nothing.test")).isFalse();
        }
        try (SqliteStore store = open()) {
            DenyListStore d = store.denyList();
            assertThat(d.list()).extracting(DenyListStore.Entry::reason).containsExactlyInAnyOrder("phishing, still", "botnet");
            assertThat(d.remove("192.0.2.0/24")).isTrue();
            assertThat(d.list()).hasSize(1);
        }
    }
}
