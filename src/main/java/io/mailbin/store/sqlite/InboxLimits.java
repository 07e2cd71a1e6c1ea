package io.mailbin.store.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps each public inbox at its newest N unstarred messages, inside the transaction that inserts.
 *
 * <p>Counting an inbox on every insert would cost a scan per message, so the count of each recently
 * written inbox is remembered; once it passes N, exactly the surplus oldest messages are deleted (an
 * ascending index walk of a few rows). Any other write that removes or stars mail forgets the affected
 * counts, which are then recounted once. Only the writer thread calls this.
 */
final class InboxLimits {
    private static final int INBOXES_REMEMBERED = 10_000;

    private final int maxMessages;
    private final Map<String, Integer> counts = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > INBOXES_REMEMBERED;
        }
    };

    InboxLimits(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    /** Called after a message was inserted into {@code inbox}. */
    void inserted(Statements db, String inbox) throws SQLException {
        if (maxMessages == 0) {
            return;
        }
        Integer known = counts.get(inbox);
        int count = known == null ? count(db, inbox) : known + 1;
        if (count > maxMessages) {
            PreparedStatement ps = db.prepare("DELETE FROM messages WHERE seq IN (SELECT seq FROM messages"
                    + " WHERE inbox = ? AND saved_by IS NULL ORDER BY received ASC LIMIT ?)");
            ps.setString(1, inbox);
            ps.setInt(2, count - maxMessages);
            ps.executeUpdate();
            count = maxMessages;
        }
        counts.put(inbox, count);
    }

    void forget(String inbox) {
        counts.remove(inbox);
    }

    void forgetAll() {
        counts.clear();
    }

    private static int count(Statements db, String inbox) throws SQLException {
        PreparedStatement ps = db.prepare("SELECT count(*) FROM messages WHERE inbox = ? AND saved_by IS NULL");
        ps.setString(1, inbox);
        try (ResultSet r = ps.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
