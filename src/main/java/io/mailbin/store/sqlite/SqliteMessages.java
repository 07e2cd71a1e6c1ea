package io.mailbin.store.sqlite;

import io.mailbin.mail.Mailbox;
import io.mailbin.store.AccountQuery;
import io.mailbin.store.AccountStats;
import io.mailbin.store.Flags;
import io.mailbin.store.InboxQuery;
import io.mailbin.store.IncomingMail;
import io.mailbin.store.MessageStore;
import io.mailbin.store.NewMessage;
import io.mailbin.store.Route;
import io.mailbin.store.StoredMessage;
import io.mailbin.store.Viewer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Messages in the embedded store: writes through the group-committing {@link Writer}, reads on {@link Readers}. */
final class SqliteMessages implements MessageStore {
    /** What a viewer may read (see {@link Viewer#canRead}); binds account, account, account, operator. */
    private static final String VISIBLE =
            "((private = 0 AND (saved_by IS NULL OR saved_by = ?)) OR owner = ? OR saved_by = ? OR ? = 1)";

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

    private static int bindViewer(PreparedStatement ps, int i, Viewer v) throws SQLException {
        ps.setString(i++, v.account());
        ps.setString(i++, v.account());
        ps.setString(i++, v.account());
        ps.setInt(i++, v.operator() ? 1 : 0);
        return i;
    }

    @Override
    public List<StoredMessage> save(IncomingMail mail, Consumer<List<StoredMessage>> committed) {
        return writer.execute(committed, insert(mail));
    }

    @Override
    public CompletableFuture<List<StoredMessage>> saveAsync(IncomingMail mail, Consumer<List<StoredMessage>> committed) {
        SqlWork<List<StoredMessage>> insert = insert(mail);
        CompletableFuture<List<StoredMessage>> queued = writer.submit(committed, insert);
        return queued != null ? queued : MessageStore.super.saveAsync(mail, committed); // queue full: wait on a thread
    }

    /** The writer's work for {@code mail}. */
    private SqlWork<List<StoredMessage>> insert(IncomingMail mail) {
        // Encoded here, on the caller's thread: the writer thread is the one serial step of ingest.
        List<Row> rows = mail.messages().stream().map(this::encode).toList();
        return db -> {
            long rawId = insertRaw(db, mail);
            long now = System.currentTimeMillis();
            List<StoredMessage> saved = new ArrayList<>(rows.size());
            for (Row row : rows) {
                NewMessage m = row.message();
                long received = clock.next(m.route().domain(), now);
                insertMessage(db, row, rawId, received, mail.raw().length);
                SqliteOutbox.insert(db, m.id(), m.route(), now); // same commit: a 250 never loses a delivery
                limits.inserted(m.route());
                saved.add(new StoredMessage(m.id(), m.route(), Instant.ofEpochMilli(received), mail.raw().length,
                        m.summary(), m.spam(), new Flags(m.folder(), List.of(), false, null)));
            }
            retention.noteInsert();
            return saved;
        };
    }

    /** A message with its JSON and search columns already encoded. */
    private record Row(NewMessage message, String summary, String route, String fromText, String toText) { }

    private Row encode(NewMessage m) {
        Route route = m.route();
        String routeJson = route.kind().equals("public") && route.targets().isEmpty()
                ? null : codec.writeRoute(new SummaryCodec.RouteDetail(route.kind(), route.targets()));
        return new Row(m, codec.write(m.summary()), routeJson, searchText(m.summary().from()), searchText(m.summary().to()));
    }

    private static long insertRaw(Statements db, IncomingMail mail) throws SQLException {
        PreparedStatement ps = db.prepare("INSERT INTO raw (size, refs, data) VALUES (?, ?, ?) RETURNING id");
        ps.setInt(1, mail.raw().length);
        ps.setInt(2, mail.messages().size());
        ps.setBytes(3, mail.raw());
        try (ResultSet r = ps.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void insertMessage(Statements db, Row row, long rawId, long received, int size) throws SQLException {
        PreparedStatement ps = db.prepare("INSERT INTO messages (id, inbox, original_inbox, domain, received, size,"
                + " raw_id, subject, summary, spam, folder, owner, private, route, from_text, to_text)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        NewMessage m = row.message();
        Route route = m.route();
        int i = 1;
        ps.setString(i++, m.id());
        ps.setString(i++, route.inbox());
        ps.setString(i++, route.originalInbox());
        ps.setString(i++, route.domain());
        ps.setLong(i++, received);
        ps.setInt(i++, size);
        ps.setLong(i++, rawId);
        ps.setString(i++, m.summary().subject());
        ps.setString(i++, row.summary());
        if (m.spam() == null) {
            ps.setNull(i++, java.sql.Types.REAL);
        } else {
            ps.setDouble(i++, m.spam());
        }
        ps.setString(i++, m.folder());
        ps.setString(i++, route.owner());
        ps.setInt(i++, route.isPrivate() ? 1 : 0);
        ps.setString(i++, row.route());
        ps.setString(i++, row.fromText());
        ps.setString(i, row.toText());
        ps.executeUpdate();
    }

    private static String searchText(List<Mailbox> boxes) {
        return boxes.stream().map(b -> b.name() + " <" + b.address() + ">")
                .collect(Collectors.joining(", ")).toLowerCase(Locale.ROOT);
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
     * Two index walks, one per column, each stopping after {@code limit} visible rows, merged: an OR over
     * both columns would make SQLite collect and sort the whole inbox before applying the limit.
     */
    @Override
    public List<StoredMessage> list(InboxQuery q) {
        String page = " AND " + VISIBLE + " AND received > ? AND received < ? ORDER BY received DESC LIMIT ?";
        String sql = "SELECT * FROM (SELECT " + MessageRows.COLUMNS + " FROM messages WHERE inbox = ?" + page + ")"
                + " UNION ALL SELECT * FROM (SELECT " + MessageRows.COLUMNS + " FROM messages"
                + " WHERE original_inbox = ? AND original_inbox <> inbox" + page + ") ORDER BY 5 DESC LIMIT ?";
        long since = q.since() == null ? Long.MIN_VALUE : q.since().toEpochMilli();
        long until = q.until() == null ? Long.MAX_VALUE : q.until().toEpochMilli();
        return readers.read(db -> {
            PreparedStatement ps = db.prepare(sql);
            int i = 1;
            ps.setString(i++, q.address());
            i = bindViewer(ps, i, q.viewer());
            ps.setLong(i++, since);
            ps.setLong(i++, until);
            ps.setInt(i++, q.limit());
            ps.setString(i++, q.address());
            i = bindViewer(ps, i, q.viewer());
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
    public Optional<StoredMessage> firstAfter(String address, Instant since, Viewer viewer) {
        String page = " AND " + VISIBLE + " AND received > ? ORDER BY received ASC LIMIT 1";
        String sql = "SELECT * FROM (SELECT " + MessageRows.COLUMNS + " FROM messages WHERE inbox = ?" + page + ")"
                + " UNION ALL SELECT * FROM (SELECT " + MessageRows.COLUMNS + " FROM messages"
                + " WHERE original_inbox = ? AND original_inbox <> inbox" + page + ") ORDER BY 5 ASC LIMIT 1";
        return readers.read(db -> {
            PreparedStatement ps = db.prepare(sql);
            int i = 1;
            ps.setString(i++, address);
            i = bindViewer(ps, i, viewer);
            ps.setLong(i++, since.toEpochMilli());
            ps.setString(i++, address);
            i = bindViewer(ps, i, viewer);
            ps.setLong(i, since.toEpochMilli());
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(rows.map(r)) : Optional.<StoredMessage>empty();
            }
        });
    }

    @Override
    public long count(String address, Viewer viewer) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT (SELECT count(*) FROM messages WHERE inbox = ? AND " + VISIBLE + ")"
                    + " + (SELECT count(*) FROM messages WHERE original_inbox = ? AND original_inbox <> inbox AND " + VISIBLE + ")");
            int i = 1;
            ps.setString(i++, address);
            i = bindViewer(ps, i, viewer);
            ps.setString(i++, address);
            bindViewer(ps, i, viewer);
            return single(ps);
        });
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet r = ps.executeQuery()) {
            return r.next() ? r.getLong(1) : 0L;
        }
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
                limits.forget(found.get().route());
            }
            return found;
        });
    }

    @Override
    public int deleteAll(String address, Viewer viewer) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("DELETE FROM messages WHERE (inbox = ? OR (original_inbox = ? AND original_inbox <> inbox))"
                    + " AND saved_by IS NULL AND " + VISIBLE);
            ps.setString(1, address);
            ps.setString(2, address);
            bindViewer(ps, 3, viewer);
            return deleted(ps);
        });
    }

    private int deleted(PreparedStatement ps) throws SQLException {
        int n = ps.executeUpdate();
        if (n > 0) {
            limits.forgetAll();
        }
        return n;
    }

    @Override
    public Optional<StoredMessage> update(String id, UnaryOperator<Flags> change) {
        return writer.execute(db -> {
            Optional<StoredMessage> found = findIn(db, id);
            if (found.isEmpty()) {
                return found;
            }
            StoredMessage m = found.get();
            Flags flags = change.apply(m.flags());
            PreparedStatement ps = db.prepare("UPDATE messages SET folder = ?, labels = ?, read = ?, saved_by = ? WHERE id = ?");
            ps.setString(1, flags.folder());
            ps.setString(2, codec.writeLabels(flags.labels()));
            ps.setInt(3, flags.read() ? 1 : 0);
            ps.setString(4, flags.savedBy());
            ps.setString(5, id);
            ps.executeUpdate();
            if (!java.util.Objects.equals(flags.savedBy(), m.savedBy())) {
                limits.forget(m.route());
            }
            return Optional.of(new StoredMessage(m.id(), m.route(), m.received(), m.size(), m.summary(), m.spam(), flags));
        });
    }

    @Override
    public List<StoredMessage> accountMessages(AccountQuery q) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (q.subject() != null) {
            // SQLite's lower() folds ASCII only, so both sides go through it: a query lower-cased in Java ("über")
            // could never match a subject with an upper-case non-ASCII letter ("Über"), not even spelt as sent.
            conditions.add("instr(lower(subject), lower(?)) > 0");
            args.add(q.subject());
        }
        if (q.from() != null) {
            conditions.add("instr(from_text, ?) > 0");
            args.add(q.from().toLowerCase(Locale.ROOT));
        }
        if (q.to() != null) {
            conditions.add("(instr(to_text, ?) > 0 OR inbox = ?)");
            args.add(q.to().toLowerCase(Locale.ROOT));
            args.add(q.to().toLowerCase(Locale.ROOT));
        }
        if (q.read() != null) {
            conditions.add("read = ?");
            args.add(q.read() ? 1 : 0);
        }
        StringBuilder sql = new StringBuilder("SELECT " + MessageRows.COLUMNS + " FROM messages WHERE "
                + (q.starredOnly() ? "(saved_by = ? AND ? IS NOT NULL)" : "(owner = ? OR saved_by = ?)"));
        if (q.since() != null) {
            sql.append(" AND received > ?");
        }
        if (!conditions.isEmpty()) {
            sql.append(" AND (").append(String.join(q.anyOf() ? " OR " : " AND ", conditions)).append(')');
        }
        sql.append(" ORDER BY received DESC LIMIT ? OFFSET ?");
        return readers.read(db -> {
            PreparedStatement ps = db.prepare(sql.toString());
            int i = 1;
            ps.setString(i++, q.account());
            ps.setString(i++, q.account());
            if (q.since() != null) {
                ps.setLong(i++, q.since().toEpochMilli());
            }
            for (Object a : args) {
                ps.setObject(i++, a);
            }
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.skip());
            try (ResultSet r = ps.executeQuery()) {
                return rows.all(r);
            }
        });
    }

    @Override
    public long unread(String account) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT count(*) FROM messages WHERE (owner = ? OR saved_by = ?) AND read = 0");
            ps.setString(1, account);
            ps.setString(2, account);
            return single(ps);
        });
    }

    @Override
    public List<StoredMessage> domainMessages(String domain, String owner, Instant until, int limit) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT " + MessageRows.COLUMNS + " FROM messages WHERE domain = ?"
                    + " AND owner = ? AND received < ? ORDER BY received DESC LIMIT ?");
            ps.setString(1, domain);
            ps.setString(2, owner);
            ps.setLong(3, until == null ? Long.MAX_VALUE : until.toEpochMilli());
            ps.setInt(4, limit);
            try (ResultSet r = ps.executeQuery()) {
                return rows.all(r);
            }
        });
    }

    @Override
    public long countDomain(String domain, String owner) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT count(*) FROM messages WHERE domain = ? AND owner = ?");
            ps.setString(1, domain);
            ps.setString(2, owner);
            return single(ps);
        });
    }

    @Override
    public int deleteDomain(String domain, String owner) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("DELETE FROM messages WHERE domain = ? AND owner = ?");
            ps.setString(1, domain);
            ps.setString(2, owner);
            return deleted(ps);
        });
    }

    @Override
    public int deleteOwned(String inbox, String owner) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("DELETE FROM messages WHERE inbox = ? AND owner = ?");
            ps.setString(1, inbox);
            ps.setString(2, owner);
            return deleted(ps);
        });
    }

    @Override
    public AccountStats stats(String account) {
        return readers.read(db -> {
            PreparedStatement ps = db.prepare("SELECT (SELECT count(*) FROM messages WHERE saved_by = ?),"
                    + " (SELECT count(*) FROM messages WHERE owner = ?),"
                    + " (SELECT coalesce(sum(size), 0) FROM messages WHERE owner = ?)");
            ps.setString(1, account);
            ps.setString(2, account);
            ps.setString(3, account);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return new AccountStats(r.getLong(1), r.getLong(2), r.getLong(3));
            }
        });
    }

    @Override
    public int claim(String inbox, String owner) {
        return writer.execute(db -> {
            PreparedStatement ps = db.prepare("UPDATE messages SET owner = ?, private = 1 WHERE inbox = ? AND owner IS NULL");
            ps.setString(1, owner);
            ps.setString(2, inbox);
            int n = ps.executeUpdate();
            if (n > 0) {
                limits.forgetAll(); // the inbox's public count and the account's count both changed
            }
            return n;
        });
    }
}
