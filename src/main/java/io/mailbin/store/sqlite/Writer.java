package io.mailbin.store.sqlite;

import io.mailbin.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to SQLite, with group commit.
 *
 * <p>SQLite allows one writer at a time and its calls are native (they would pin virtual threads), so all
 * writes queue here. Whatever has queued while the previous commit was syncing runs as one transaction:
 * one fsync for many messages. Callers wait for their own future, which completes only after the
 * commit that contains their work — the invariant behind every SMTP 250. Right after a commit, before
 * any caller is released, this thread tells each task's commit listener, in order, so what follows a
 * commit (web-socket frames, webhooks) is queued a whole group commit at a time.
 *
 * <p>A caller waits without a timeout of its own: a timed wait arms a timer per message, which at
 * thousands of messages per second costs measurable throughput. Instead a watch thread fails any task
 * that has waited longer than {@link #STUCK} (a hung disk), so its caller answers "try again later"
 * (an SMTP client gets a 451 and retries; the commit may still happen, so the retry may duplicate).
 */
final class Writer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Writer.class);
    static final int MAX_BATCH = 256;
    static final Duration STUCK = Duration.ofMinutes(2);
    private final Duration stuck;

    private final Statements db;
    private final BlockingQueue<Task<?>> queue;
    private final Thread thread;
    private final Thread watch;
    /** The batch being committed, for the watch; empty between commits. */
    private volatile List<Task<?>> inFlight = List.of();
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
        this(connection, queueCapacity, onRollback, STUCK);
    }

    /** @param stuck how long a caller may wait for its commit before it is told to retry (tests shorten it) */
    Writer(Connection connection, int queueCapacity, Runnable onRollback, Duration stuck) {
        this.stuck = stuck;
        this.db = new Statements(connection);
        this.onRollback = onRollback;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("store-writer").daemon(false).unstarted(this::run);
        this.watch = Thread.ofPlatform().name("store-writer-watch").daemon(true).unstarted(this::watch);
    }

    /** Registers work to run once per transaction, before its commit. Call before {@link #start()}. */
    void beforeEachCommit(BeforeCommit work) {
        beforeCommit.add(work);
    }

    void start() {
        thread.start();
        watch.start();
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
        return execute(null, op);
    }

    /**
     * Runs {@code op} in the next commit, tells {@code committed} its result on this writer's thread as
     * soon as that commit is done, and waits for it.
     */
    <T> T execute(Consumer<? super T> committed, SqlWork<T> op) {
        Task<T> task = new Task<>(op, committed);
        try {
            if (!running || !queue.offer(task, 10, TimeUnit.SECONDS)) {
                throw new StoreUnavailableException(running ? "store write queue is full" : "store is closed", null);
            }
            return task.future.get();
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

    /**
     * Runs {@code op} in the next commit without waiting for it: the future completes on this writer's
     * thread once the commit is done (after {@code committed} was told), or fails as {@link #execute}
     * would throw. Null when the queue is full: the caller then waits with {@link #execute}.
     */
    <T> CompletableFuture<T> submit(Consumer<? super T> committed, SqlWork<T> op) {
        Task<T> task = new Task<>(op, committed);
        if (!running) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("store is closed", null));
        }
        return queue.offer(task) ? task.future : null;
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

    /** Fails the tasks, queued or being committed, that have waited longer than {@code stuck}. */
    private void watch() {
        while (running || thread.isAlive()) {
            try {
                Thread.sleep(Math.min(1_000, Math.max(10, stuck.toMillis() / 4)));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            int failed = 0;
            for (Task<?> t : inFlight) {
                failed += t.failIfOlder(now, stuck) ? 1 : 0;
            }
            for (Task<?> t : queue) {
                failed += t.failIfOlder(now, stuck) ? 1 : 0;
            }
            if (failed > 0) {
                log.warn("{} store writes waited over {} s (is the disk hung?); their callers were told to retry",
                        failed, stuck.toSeconds());
            }
        }
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
            inFlight = List.copyOf(batch);
            runInTransaction(batch);
            observer.committed(System.nanoTime() - t0, batch.size());
            batch.forEach(Task::tellCommitted);
            batch.forEach(Task::complete);
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().fail(e);
                return;
            }
            for (Task<?> task : batch) {
                try {
                    runInTransaction(List.of(task));
                    task.tellCommitted();
                    task.complete();
                } catch (SQLException | RuntimeException single) {
                    task.fail(single);
                }
            }
        } finally {
            inFlight = List.of();
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
        foldLogBack();
        db.close();
    }

    /**
     * Copies the whole write-ahead log into the database file and empties it, so a stopped store is
     * one self-contained file (SQLite only does this itself when the last connection to close is a
     * writer, and the readers may close after us).
     */
    private void foldLogBack() {
        try (Statement s = db.connection().createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            log.warn("could not fold the write-ahead log back at close (it is replayed at the next start): {}", e.getMessage());
        }
    }

    private static final class Task<T> {
        private final SqlWork<T> op;
        private final Consumer<? super T> committed;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private final long queuedAt = System.nanoTime();
        private T result;

        Task(SqlWork<T> op, Consumer<? super T> committed) {
            this.op = op;
            this.committed = committed;
        }

        void run(Statements db) throws SQLException {
            result = op.apply(db);
        }

        /** The work is committed: tell its listener, whose failure must not undo the caller's success. */
        void tellCommitted() {
            if (committed == null) {
                return;
            }
            try {
                committed.accept(result);
            } catch (RuntimeException e) {
                log.error("commit listener failed (the write itself is committed)", e);
            }
        }

        void complete() {
            future.complete(result);
        }

        /**
         * Gives up on a task the writer has not finished within {@code stuck} (its commit may still happen
         * later); true if it did so now.
         */
        boolean failIfOlder(long now, Duration stuck) {
            return now - queuedAt > stuck.toNanos() && future.completeExceptionally(new StoreUnavailableException(
                    "store did not commit within " + stuck.toMillis() / 1000.0 + " s", null));
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
