package io.mailbin.store.sqlite;

import io.mailbin.store.StoreUnavailableException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few platform threads, each with its own read-only connection, that run every read. Requests arrive
 * on virtual threads; SQLite's native calls would pin them, so they wait here instead. In WAL mode these
 * readers never block the writer, nor it them.
 */
final class Readers implements AutoCloseable {
    private final Connections connections;
    private final ExecutorService pool;
    private final ThreadLocal<Statements> local = new ThreadLocal<>();
    private final List<Statements> opened = new CopyOnWriteArrayList<>();

    Readers(Connections connections, int threads) {
        this.connections = connections;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads,
                r -> Thread.ofPlatform().name("store-reader-" + n.incrementAndGet()).daemon(true).unstarted(r));
    }

    <T> T read(SqlWork<T> query) {
        try {
            return pool.submit(() -> {
                Statements db = statements();
                try {
                    return query.apply(db);
                } catch (SQLException | RuntimeException e) {
                    db.discardPrepared(); // a statement that failed is not reusable (see Statements)
                    throw e;
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while reading the store", e);
        } catch (RejectedExecutionException e) {
            throw new StoreUnavailableException("store is closed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreUnavailableException("store read failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Statements statements() throws SQLException {
        Statements s = local.get();
        if (s == null) {
            s = new Statements(connections.reader());
            local.set(s);
            opened.add(s);
        }
        return s;
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        opened.forEach(Statements::close);
    }
}
