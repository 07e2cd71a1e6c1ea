package io.mailbin.store;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where and how the embedded store keeps mail.
 *
 * @param sync        FULL flushes the write-ahead log to disk before a commit returns, so a 250 survives
 *                    power loss; NORMAL survives a process crash (kill -9) but not a power cut
 * @param readThreads platform threads that serve reads; SQLite calls are native and would pin virtual threads
 */
public record StoreSettings(Path dataDir, Sync sync, int readThreads) {
    public enum Sync {
        FULL, NORMAL;

        public static Sync parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--store-sync must be 'full' or 'normal', got '" + text + "'");
            }
        }
    }

    public StoreSettings {
        if (readThreads < 1) {
            throw new IllegalArgumentException("--store-read-threads must be at least 1");
        }
    }
}
