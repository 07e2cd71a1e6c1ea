package io.mailbin.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** A connection with its prepared statements cached: preparing SQL costs more than running it. Not thread-safe. */
final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    Statements(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            cache.put(sql, ps);
        }
        ps.clearParameters();
        return ps;
    }

    /**
     * Closes every cached statement. Called after a failed statement: sqlite-jdbc leaves a statement that
     * threw (e.g. SQLITE_FULL on a full disk) unusable ("statement is not executing"), and reusing it
     * would fail every later write even after the disk has room again.
     */
    void discardPrepared() {
        for (PreparedStatement ps : cache.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // discarding anyway
            }
        }
        cache.clear();
    }

    @Override
    public void close() {
        discardPrepared();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
