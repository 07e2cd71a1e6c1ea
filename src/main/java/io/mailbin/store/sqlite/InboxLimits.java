package io.mailbin.store.sqlite;

import io.mailbin.store.Route;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each public inbox at its newest N unstarred messages, and each account at its message limit,
 * inside the transaction that inserts.
 *
 * <p>Counting on every insert would cost a scan per message, so the count of each recently written
 * inbox (or account) is remembered; once it passes the limit, exactly the surplus oldest messages are
 * deleted (an ascending index walk of a few rows). The deleting happens once per transaction, just
 * before its commit: a group commit that stores several messages for one inbox then touches that
 * inbox's oldest pages once, not once per message, and no committed state ever holds more than the
 * limit. Any other write that removes or stars mail forgets the counts, which are then recounted once.
 * Only the writer thread calls this.
 *
 * <p>A full public inbox is trimmed with some slack: once it passes its limit, it is cut back to 5% under
 * it (at most {@link #MAX_SLACK} messages), so the next messages insert without deleting anything. On a
 * busy inbox, deleting one oldest message per commit touched the inbox's oldest pages (rows, raw bytes,
 * index entries) in every commit, 40% of the pages each commit wrote; deleting fifty at a time touches
 * them once per fifty messages. The limit stays a ceiling, never exceeded. Small limits (under 20) and
 * account limits, which guard private mail, are kept exactly.
 */
final class InboxLimits {
    private static final int REMEMBERED = 10_000;
    static final int MAX_SLACK = 50;
    private static final String PUBLIC = "inbox = ? AND owner IS NULL";
    private static final String ACCOUNT = "owner = ?";

    private final int publicMax;
    private final int publicSlack;
    private final Map<String, Integer> publicCounts = lru();
    private final Map<String, Integer> accountCounts = lru();
    /** Inboxes and accounts written in the open transaction, to check before it commits. */
    private final Set<String> publicWritten = new HashSet<>();
    private final Set<String> accountsWritten = new HashSet<>();

    InboxLimits(int publicMax) {
        this.publicMax = publicMax;
        this.publicSlack = Math.min(publicMax / 20, MAX_SLACK);
    }

    private static Map<String, Integer> lru() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /** Called after a message was inserted along {@code route}; the surplus goes in {@link #beforeCommit}. */
    void inserted(Route route) {
        if (route.owner() == null) {
            if (publicMax > 0) {
                publicCounts.computeIfPresent(route.inbox(), (k, n) -> n + 1);
                publicWritten.add(route.inbox());
            }
        } else {
            accountCounts.computeIfPresent(route.owner(), (k, n) -> n + 1);
            accountsWritten.add(route.owner());
        }
    }

    /** Deletes what the transaction's inserts pushed over a limit. */
    void beforeCommit(Statements db) throws SQLException {
        for (String inbox : publicWritten) {
            enforce(db, publicCounts, inbox, publicMax, publicSlack, PUBLIC);
        }
        for (String account : accountsWritten) {
            enforce(db, accountCounts, account, accountLimit(db, account), 0, ACCOUNT);
        }
        publicWritten.clear();
        accountsWritten.clear();
    }

    /** Once over {@code max}, deletes the oldest down to {@code max - slack}. */
    private static void enforce(Statements db, Map<String, Integer> counts, String key, int max, int slack,
                                String where) throws SQLException {
        if (max <= 0) {
            return;
        }
        Integer known = counts.get(key);
        int count = known == null ? count(db, key, where) : known;
        if (count > max) {
            PreparedStatement ps = db.prepare("DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE "
                    + where + " AND saved_by IS NULL ORDER BY received ASC LIMIT ?)");
            ps.setString(1, key);
            ps.setInt(2, count - (max - slack));
            ps.executeUpdate();
            count = max - slack;
        }
        counts.put(key, count);
    }

    private static int count(Statements db, String key, String where) throws SQLException {
        PreparedStatement ps = db.prepare("SELECT count(*) FROM messages WHERE " + where + " AND saved_by IS NULL");
        ps.setString(1, key);
        try (ResultSet r = ps.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static int accountLimit(Statements db, String account) throws SQLException {
        PreparedStatement ps = db.prepare("SELECT message_limit FROM accounts WHERE id = ?");
        ps.setString(1, account);
        try (ResultSet r = ps.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    void forget(Route route) {
        publicCounts.remove(route.inbox());
        if (route.owner() != null) {
            accountCounts.remove(route.owner());
        }
    }

    void forgetAll() {
        publicCounts.clear();
        accountCounts.clear();
    }

    /** The transaction was rolled back: nothing it wrote needs checking, and the remembered counts may be wrong. */
    void rolledBack() {
        forgetAll();
        publicWritten.clear();
        accountsWritten.clear();
    }
}
