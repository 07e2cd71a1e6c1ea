package io.mailbin.store.sqlite;

import io.mailbin.store.SpamModelStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Learned spam models and lessons in the embedded store. */
final class SqliteSpamModels implements SpamModelStore {
    private final Writer writer;
    private final Readers readers;

    SqliteSpamModels(Writer writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public Optional<byte[]> model(String scope) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT model FROM spam_models WHERE scope = ?");
            ps.setString(1, scope);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
            }
        });
    }

    @Override
    public void saveLesson(String scope, byte[] model, String messageId, boolean spam) {
        writer.execute(db -> {
            PreparedStatement m = db.prepare("INSERT INTO spam_models (scope, model, updated) VALUES (?, ?, ?)"
                    + " ON CONFLICT (scope) DO UPDATE SET model = excluded.model, updated = excluded.updated");
            m.setString(1, scope);
            m.setBytes(2, model);
            m.setLong(3, System.currentTimeMillis());
            m.executeUpdate();
            PreparedStatement l = db.prepare("INSERT INTO spam_feedback (message_id, scope, spam) VALUES (?, ?, ?)"
                    + " ON CONFLICT (message_id, scope) DO UPDATE SET spam = excluded.spam");
            l.setString(1, messageId);
            l.setString(2, scope);
            l.setInt(3, spam ? 1 : 0);
            l.executeUpdate();
            return null;
        });
    }

    @Override
    public Optional<Boolean> lesson(String messageId, String scope) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT spam FROM spam_feedback WHERE message_id = ? AND scope = ?");
            ps.setString(1, messageId);
            ps.setString(2, scope);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(r.getInt(1) != 0) : Optional.<Boolean>empty();
            }
        });
    }
}
