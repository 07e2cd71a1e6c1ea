package io.mailbin.store.sqlite;

import io.mailbin.store.DenyListStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The deny-list in the embedded store: writes through the {@link Writer}, reads on {@link Readers}. */
final class SqliteDenyList implements DenyListStore {
    private final Writer writer;
    private final Readers readers;

    SqliteDenyList(Writer writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public Entry add(String entry, String reason) {
        long now = System.currentTimeMillis();
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("INSERT INTO deny_list (entry, reason, added) VALUES (?, ?, ?)"
                    + " ON CONFLICT (entry) DO UPDATE SET reason = excluded.reason RETURNING added");
            ps.setString(1, entry);
            ps.setString(2, reason);
            ps.setLong(3, now);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return new Entry(entry, reason, Instant.ofEpochMilli(r.getLong(1)));
            }
        });
    }

    @Override
    public boolean remove(String entry) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("DELETE FROM deny_list WHERE entry = ?");
            ps.setString(1, entry);
            return ps.executeUpdate() > 0;
        });
    }

    @Override
    public List<Entry> list() {
        return readers.read(db -> {
            List<Entry> out = new ArrayList<>();
            try (ResultSet r = db.prepare("SELECT entry, reason, added FROM deny_list ORDER BY added, entry").executeQuery()) {
                while (r.next()) {
                    out.add(new Entry(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
                }
            }
            return out;
        });
    }

    @Override
    public long version() {
        return readers.read(db -> {
            try (ResultSet r = db.prepare("SELECT version FROM deny_list_version WHERE id = 1").executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }
}
