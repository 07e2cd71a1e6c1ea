package io.mailbin.store.sqlite;

import java.sql.SQLException;

/** SQL run on a store thread: inside a (possibly shared) write transaction, or on a reader. */
@FunctionalInterface
interface SqlWork<T> {
    T apply(Statements db) throws SQLException;
}
