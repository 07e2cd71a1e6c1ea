package io.mailbin.store.sqlite;

import io.mailbin.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to SQLite, with group commit.
 *
 * <p>SQLite allows one writer at a time and its calls are native (they would pin virtual threads), so all
 * writes queue here. Whatever has queued while the previous commit was syncing runs as one transaction:
 * one fsync for many messages. Callers wait for their own future, which completes only after the
 * commit that contains their work — the invariant behind every SMTP 250.
 */
final class Writer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Writer.class);
    static final int MAX_BATCH = 256;

    private final Statements db;
    private final BlockingQueue<Task<?>> queue;
    private final Thread thread;
    private final Runnable onRollback;
    private volatile boolean running = true;
    private volatile CommitObserver observer = (nanos, tasks) -> { };
    private final List<BeforeCommit> beforeCommit = new ArrayList<>();

    /** Told after every successful group commit: how long it took and how many tasks it carried. */
    interface CommitObserver {
        void committed(long nanos, int tasks);
    }

    /** Work that runs once at the end of every transaction, after all its tasks: what the tasks leave to tidy up together. */
    interface BeforeCommit {
        void run(Statements db) throws SQLException;
    }

    /** @param onRollback told when a transaction was rolled back, so in-memory state derived from it can be dropped */
    Writer(Connection connection, int queueCapacity, Runnable onRollback) {
        this.db = new Statements(connection);
        this.onRollback = onRollback;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("store-writer").daemon(false).unstarted(this::run);
    }

    /** Registers work to run once per transaction, before its commit. Call before {@link #start()}. */
    void beforeEachCommit(BeforeCommit work) {
        beforeCommit.add(work);
    }

    void start() {
        thread.start();
    }

    void observe(CommitObserver o) {
        observer = o;
    }

    /** Tasks waiting for the next commit. */
    int backlog() {
        return queue.size();
    }

    /** Runs {@code op} in the next commit and waits for that commit. */
    <T> T execute(SqlWork<T> op) {
        Task<T> task = new Task<>(op);
        try {
            if (!running || !queue.offer(task, 10, TimeUnit.SECONDS)) {
                throw new StoreUnavailableException(running ? "store write queue is full" : "store is closed", null);
            }
            return task.future.get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("store did not commit within 2 minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreUnavailableException u) {
                throw u;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreUnavailableException("store write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void run() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
        failLeftovers();
    }

    private void failLeftovers() {
        List<Task<?>> leftovers = new ArrayList<>();
        queue.drainTo(leftovers);
        leftovers.forEach(t -> t.fail(new IllegalStateException("store is closed")));
    }

    /**
     * Runs the batch in one transaction; if it fails, retries each task alone so that one bad task (a
     * constraint, a refused duplicate) fails alone and the others still commit.
     */
    private void commit(List<Task<?>> batch) {
        try {
            long t0 = System.nanoTime();
            runInTransaction(batch);
            observer.committed(System.nanoTime() - t0, batch.size());
            batch.forEach(Task::complete);
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().fail(e);
                return;
            }
            for (Task<?> task : batch) {
                try {
                    runInTransaction(List.of(task));
                    task.complete();
                } catch (SQLException | RuntimeException single) {
                    task.fail(single);
                }
            }
        }
    }

    private void runInTransaction(List<Task<?>> tasks) throws SQLException {
        Connection c = db.connection();
        c.setAutoCommit(false);
        try {
            for (Task<?> task : tasks) {
                task.run(db);
            }
            for (BeforeCommit work : beforeCommit) {
                work.run(db);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            db.discardPrepared();
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            onRollback.run();
            throw e;
        }
    }

    /** Stops taking work, finishes everything already queued, then closes the connection. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }

    private static final class Task<T> {
        private final SqlWork<T> op;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private T result;

        Task(SqlWork<T> op) {
            this.op = op;
        }

        void run(Statements db) throws SQLException {
            result = op.apply(db);
        }

        void complete() {
            future.complete(result);
        }

        /** A refusal by the operation itself (a RuntimeException) reaches the caller as is; a database error means the store is unavailable. */
        void fail(Exception e) {
            if (e instanceof RuntimeException r && !(e instanceof IllegalStateException)) {
                future.completeExceptionally(r);
                return;
            }
            log.warn("store write failed: {}", e.getMessage());
            future.completeExceptionally(new StoreUnavailableException("store write failed: " + e.getMessage(), e));
        }
    }
}
