package io.mailbin.store.sqlite;

import io.mailbin.store.InboxQuery;
import io.mailbin.store.IncomingMail;
import io.mailbin.store.MessageStore;
import io.mailbin.store.NewMessage;
import io.mailbin.store.StoredMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Messages in the embedded store: writes through the group-committing {@link Writer}, reads on {@link Readers}. */
final class SqliteMessages implements MessageStore {
    private final Writer writer;
    private final Readers readers;
    private final SummaryCodec codec;
    private final MessageRows rows;
    private final ReceivedClock clock;
    private final InboxLimits limits;
    private final Retention retention;

    SqliteMessages(Writer writer, Readers readers, SummaryCodec codec, ReceivedClock clock, InboxLimits limits,
                   Retention retention) {
        this.writer = writer;
        this.readers = readers;
        this.codec = codec;
        this.rows = new MessageRows(codec);
        this.clock = clock;
        this.limits = limits;
        this.retention = retention;
    }

    @Override
    public List<StoredMessage> save(IncomingMail mail) {
        return writer.execute(db -> {
            long rawId = insertRaw(db, mail);
            long now = System.currentTimeMillis();
            List<StoredMessage> saved = new ArrayList<>(mail.messages().size());
            for (NewMessage m : mail.messages()) {
                long received = clock.next(m.domain(), now);
                insertMessage(db, m, rawId, received, mail.raw().length);
                limits.inserted(db, m.inbox());
                saved.add(new StoredMessage(m.id(), m.inbox(), m.originalInbox(), m.domain(),
                        Instant.ofEpochMilli(received), mail.raw().length, m.summary(), m.spam(), m.folder(),
                        List.of(), false, null));
            }
            retention.noteInsert(db);
            return saved;
        });
    }

    private static long insertRaw(Statements db, IncomingMail mail) throws SQLException {
        PreparedStatement ps = db.prepare("INSERT INTO raw (size, refs, data) VALUES (?, ?, ?)");
        ps.setInt(1, mail.raw().length);
        ps.setInt(2, mail.messages().size());
        ps.setBytes(3, mail.raw());
        ps.executeUpdate();
        try (ResultSet r = db.prepare("SELECT last_insert_rowid()").executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private void insertMessage(Statements db, NewMessage m, long rawId, long received, int size) throws SQLException {
        PreparedStatement ps = db.prepare("INSERT INTO messages (id, inbox, original_inbox, domain, received, size,"
                + " raw_id, subject, summary, spam, folder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setString(1, m.id());
        ps.setString(2, m.inbox());
        ps.setString(3, m.originalInbox());
        ps.setString(4, m.domain());
        ps.setLong(5, received);
        ps.setInt(6, size);
        ps.setLong(7, rawId);
        ps.setString(8, m.summary().subject());
        ps.setString(9, codec.write(m.summary()));
        if (m.spam() == null) {
            ps.setNull(10, java.sql.Types.REAL);
        } else {
            ps.setDouble(10, m.spam());
        }
        ps.setString(11, m.folder());
        ps.executeUpdate();
    }

    @Override
    public Optional<StoredMessage> find(String id) {
        return readers.read(db -> findIn(db, id));
    }

    private Optional<StoredMessage> findIn(Statements db, String id) throws SQLException {
        PreparedStatement ps = db.prepare("SELECT " + MessageRows.COLUMNS + " FROM messages WHERE id = ?");
        ps.setString(1, id);
        try (ResultSet r = ps.executeQuery()) {
            return r.next() ? Optional.of(rows.map(r)) : Optional.empty();
        }
    }

    /**
     * Two index walks, one per column, each stopping after {@code limit} rows, merged: an OR over both
     * columns would make SQLite collect and sort the whole inbox before applying the limit.
     */
    @Override
    public List<StoredMessage> list(InboxQuery q) {
        String page = " AND received > ? AND received < ? ORDER BY received DESC LIMIT ?";
        String sql = "SELECT * FROM (SELECT " + MessageRows.COLUMNS + " FROM messages WHERE inbox = ?" + page + ")"
                + " UNION ALL SELECT * FROM (SELECT " + MessageRows.COLUMNS + " FROM messages"
                + " WHERE original_inbox = ? AND inbox <> ?" + page + ") ORDER BY 5 DESC LIMIT ?";
        long since = q.since() == null ? Long.MIN_VALUE : q.since().toEpochMilli();
        long until = q.until() == null ? Long.MAX_VALUE : q.until().toEpochMilli();
        return readers.read(db -> {
            PreparedStatement ps = db.prepare(sql);
            int i = 1;
            ps.setString(i++, q.address());
            ps.setLong(i++, since);
            ps.setLong(i++, until);
            ps.setInt(i++, q.limit());
            ps.setString(i++, q.address());
            ps.setString(i++, q.address());
            ps.setLong(i++, since);
            ps.setLong(i++, until);
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.limit());
            try (ResultSet r = ps.executeQuery()) {
                return rows.all(r);
            }
        });
    }

    @Override
    public long count(String address) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT (SELECT count(*) FROM messages WHERE inbox = ?)"
                    + " + (SELECT count(*) FROM messages WHERE original_inbox = ? AND inbox <> ?)");
            ps.setString(1, address);
            ps.setString(2, address);
            ps.setString(3, address);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getLong(1) : 0L;
            }
        });
    }

    @Override
    public Optional<byte[]> raw(String id) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT r.data FROM messages m JOIN raw r ON r.id = m.raw_id WHERE m.id = ?");
            ps.setString(1, id);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
            }
        });
    }

    @Override
    public Optional<StoredMessage> delete(String id) {
        return writer.execute(db -> {
            Optional<StoredMessage> found = findIn(db, id);
            if (found.isPresent()) {
                PreparedStatement ps = db.prepare("DELETE FROM messages WHERE id = ?");
                ps.setString(1, id);
                ps.executeUpdate();
                limits.forget(found.get().inbox());
            }
            return found;
        });
    }

    @Override
    public int deleteAll(String address) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("DELETE FROM messages WHERE (inbox = ? OR original_inbox = ?) AND saved_by IS NULL");
            ps.setString(1, address);
            ps.setString(2, address);
            int n = ps.executeUpdate();
            limits.forgetAll();
            return n;
        });
    }
}
