package io.mailbin.store.sqlite;

import io.mailbin.store.Delivery;
import io.mailbin.store.DeliveryAttempt;
import io.mailbin.store.ForwardingTarget;
import io.mailbin.store.OutboxEntry;
import io.mailbin.store.OutboxStore;
import io.mailbin.store.Route;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outbox in the embedded store. Rows are added inside the message's own transaction by {@link #insert}. */
final class SqliteOutbox implements OutboxStore {
    private static final String ENTRY = "id, message_id, source, owner, kind, target, slack_to_from, created, attempts";

    private final Writer writer;
    private final Readers readers;

    SqliteOutbox(Writer writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    /** Adds the deliveries a message's route asks for; runs inside the transaction that saves the message. */
    static void insert(Statements db, String messageId, Route route, long now) throws SQLException {
        for (ForwardingTarget t : route.targets()) {
            add(db, messageId, route, t, OutboxEntry.WEBHOOK, t.webhook(), now);
            add(db, messageId, route, t, OutboxEntry.SLACK, t.webhookSlack(), now);
            add(db, messageId, route, t, OutboxEntry.FORWARD, t.forward(), now);
        }
    }

    private static void add(Statements db, String messageId, Route route, ForwardingTarget t, String kind, String target,
                            long now) throws SQLException {
        if (target == null || target.isBlank()) {
            return;
        }
        PreparedStatement ps = db.prepare("INSERT INTO outbox (message_id, source, owner, kind, target, slack_to_from,"
                + " created, state, next_attempt, updated) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)");
        ps.setString(1, messageId);
        ps.setString(2, t.address());
        ps.setString(3, route.owner());
        ps.setString(4, kind);
        ps.setString(5, target);
        ps.setInt(6, t.webhookSlackToFrom() ? 1 : 0);
        ps.setLong(7, now);
        ps.setLong(8, now);
        ps.setLong(9, now);
        ps.executeUpdate();
    }

    @Override
    public List<OutboxEntry> claimDue(Instant now, int limit, Instant leaseUntil) {
        return writer.execute(db -> {
            PreparedStatement pick = db.prepare("SELECT " + ENTRY + " FROM outbox WHERE state = 'pending'"
                    + " AND next_attempt <= ? ORDER BY next_attempt LIMIT ?");
            pick.setLong(1, now.toEpochMilli());
            pick.setInt(2, limit);
            List<OutboxEntry> due = new ArrayList<>();
            try (ResultSet r = pick.executeQuery()) {
                while (r.next()) {
                    due.add(entry(r));
                }
            }
            PreparedStatement lease = db.prepare("UPDATE outbox SET next_attempt = ? WHERE id = ?");
            for (OutboxEntry e : due) {
                lease.setLong(1, leaseUntil.toEpochMilli());
                lease.setLong(2, e.id());
                lease.executeUpdate();
            }
            return due;
        });
    }

    private static OutboxEntry entry(ResultSet r) throws SQLException {
        return new OutboxEntry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getInt(7) != 0, Instant.ofEpochMilli(r.getLong(8)), r.getInt(9));
    }

    @Override
    public void record(long id, DeliveryAttempt a, String newState) {
        writer.execute(db -> {
            PreparedStatement log = db.prepare("INSERT INTO delivery_attempts (outbox_id, at, status, error, duration_ms,"
                    + " next_retry) VALUES (?, ?, ?, ?, ?, ?)");
            log.setLong(1, id);
            log.setLong(2, a.at().toEpochMilli());
            setNullable(log, 3, a.status());
            log.setString(4, a.error());
            log.setLong(5, a.durationMs());
            if (a.nextRetry() == null) {
                log.setNull(6, Types.INTEGER);
            } else {
                log.setLong(6, a.nextRetry().toEpochMilli());
            }
            log.executeUpdate();
            PreparedStatement update = db.prepare("UPDATE outbox SET state = ?, attempts = attempts + 1, next_attempt = ?,"
                    + " last_status = ?, last_error = ?, updated = ? WHERE id = ?");
            update.setString(1, newState);
            update.setLong(2, a.nextRetry() == null ? a.at().toEpochMilli() : a.nextRetry().toEpochMilli());
            setNullable(update, 3, a.status());
            update.setString(4, a.error());
            update.setLong(5, a.at().toEpochMilli());
            update.setLong(6, id);
            update.executeUpdate();
            return null;
        });
    }

    private static void setNullable(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    @Override
    public Optional<Instant> nextDue() {
        return readers.read(db -> {
            try (ResultSet r = db.prepare("SELECT min(next_attempt) FROM outbox WHERE state = 'pending'").executeQuery()) {
                long t = r.next() ? r.getLong(1) : 0;
                return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(t));
            }
        });
    }

    @Override
    public List<Delivery> deliveries(String source, int limit) {
        return query("WHERE source = ? ORDER BY created DESC, id DESC LIMIT " + Math.max(1, limit), source);
    }

    @Override
    public List<Delivery> deliveriesOf(String messageId) {
        return query("WHERE message_id = ? ORDER BY id", messageId);
    }

    private List<Delivery> query(String where, String key) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT " + ENTRY + ", state, next_attempt FROM outbox " + where);
            ps.setString(1, key);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    OutboxEntry e = entry(r);
                    String state = r.getString(10);
                    Instant next = Delivery.PENDING.equals(state) ? Instant.ofEpochMilli(r.getLong(11)) : null;
                    out.add(new Delivery(e, state, next, attempts(db, e.id())));
                }
            }
            return out;
        });
    }

    private static List<DeliveryAttempt> attempts(Statements db, long outboxId) throws SQLException {
        PreparedStatement ps = db.prepare("SELECT at, status, error, duration_ms, next_retry FROM delivery_attempts"
                + " WHERE outbox_id = ? ORDER BY at, id");
        ps.setLong(1, outboxId);
        List<DeliveryAttempt> out = new ArrayList<>();
        try (ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                int status = r.getInt(2);
                Integer statusOrNull = r.wasNull() ? null : status;
                long next = r.getLong(5);
                Instant nextOrNull = r.wasNull() ? null : Instant.ofEpochMilli(next);
                out.add(new DeliveryAttempt(Instant.ofEpochMilli(r.getLong(1)), statusOrNull, r.getString(3), r.getLong(4), nextOrNull));
            }
        }
        return out;
    }
}
