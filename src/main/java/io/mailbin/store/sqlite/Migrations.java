package io.mailbin.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations for the embedded store. Scripts {@code V<n>__<name>.sql} are listed in
 * order in {@code migrations.txt}; the database's {@code user_version} records the last one applied,
 * and each script runs in its own transaction, so a crash mid-upgrade leaves a consistent schema.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    static void apply(Connection c) throws SQLException {
        int current = userVersion(c);
        List<String> scripts = resource("migrations.txt").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String script : scripts) {
            int version = versionOf(script);
            if (version <= current) {
                continue;
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate(resource(script));
                s.executeUpdate("PRAGMA user_version = " + version);
                c.commit();
                log.info("store schema migrated to version {} ({})", version, script);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        int latest = scripts.isEmpty() ? 0 : versionOf(scripts.getLast());
        if (current > latest) {
            throw new SQLException("the data directory was written by a newer Mailbin (schema version "
                    + current + ", this build knows " + latest + ")");
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }
}
