package io.mailbin.store.sqlite;

import io.mailbin.store.RetentionPolicy;
import io.mailbin.store.StoreUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes public mail past its age and, when the store is over its size cap, the oldest public mail
 * (then, if no public mail is left, the oldest private mail). Starred mail is never removed. Work is done in small chunks, each its own write, so ingest keeps
 * committing between them; the per-inbox count limit is enforced at insert time by {@link InboxLimits}.
 */
final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int CHUNK = 500;

    private final Writer writer;
    private final RetentionPolicy policy;
    private final InboxLimits limits;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("store-retention").daemon(true).unstarted(r));
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Whether the open transaction inserted mail; only the writer thread touches it. */
    private boolean inserted;

    Retention(Writer writer, RetentionPolicy policy, InboxLimits limits) {
        this.writer = writer;
        this.policy = policy;
        this.limits = limits;
    }

    void start() {
        long every = policy.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Called inside each insert transaction, so that {@link #beforeCommit} checks the size cap. */
    void noteInsert() {
        inserted = true;
    }

    /** Once per transaction that inserted: over the size cap, schedule a pass now rather than at the next tick. */
    void beforeCommit(Statements db) throws SQLException {
        if (inserted && policy.maxStoreSize() > 0 && rawBytes(db) > policy.maxStoreSize() && pending.compareAndSet(false, true)) {
            scheduler.execute(this::runSafely);
        }
        inserted = false;
    }

    private void runSafely() {
        pending.set(false);
        try {
            runOnce();
        } catch (StoreUnavailableException e) {
            log.warn("retention pass skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("retention pass failed", e);
        }
    }

    void runOnce() {
        int byAge = 0;
        if (!policy.publicMaxAge().isZero()) {
            long cutoff = System.currentTimeMillis() - policy.publicMaxAge().toMillis();
            for (int n; (n = writer.execute(db -> deleteOlderThan(db, cutoff))) > 0; ) {
                byAge += n;
            }
        }
        int bySize = 0;
        if (policy.maxStoreSize() > 0) {
            for (int n; (n = writer.execute(this::deleteOldestIfOverCap)) > 0; ) {
                bySize += n;
            }
        }
        if (byAge + bySize > 0) {
            log.info("retention removed {} public messages past {} and {} to stay under the store size cap",
                    byAge, policy.publicMaxAge(), bySize);
        }
    }

    private int deleteOlderThan(Statements db, long cutoff) throws SQLException {
        PreparedStatement ps = db.prepare("DELETE FROM messages WHERE seq IN (SELECT seq FROM messages"
                + " WHERE received < ? AND owner IS NULL AND saved_by IS NULL ORDER BY received LIMIT ?)");
        ps.setLong(1, cutoff);
        ps.setInt(2, CHUNK);
        int n = ps.executeUpdate();
        if (n > 0) {
            limits.forgetAll();
        }
        return n;
    }

    /**
     * Deletes just enough of the oldest unstarred mail to get back under the cap: public mail first,
     * private mail only when no public mail is left. Sizes are counted per message, so mail shared by
     * several inboxes may free a little less than counted; the next round makes up for it.
     */
    private int deleteOldestIfOverCap(Statements db) throws SQLException {
        long excess = rawBytes(db) - policy.maxStoreSize();
        if (excess <= 0) {
            return 0;
        }
        for (String whose : new String[] {"owner IS NULL AND ", ""}) {
            PreparedStatement pick = db.prepare("SELECT seq, size FROM messages WHERE " + whose
                    + "saved_by IS NULL ORDER BY received LIMIT ?");
            pick.setInt(1, CHUNK);
            List<Long> victims = new ArrayList<>();
            long freed = 0;
            try (ResultSet r = pick.executeQuery()) {
                while (freed < excess && r.next()) {
                    victims.add(r.getLong(1));
                    freed += r.getLong(2);
                }
            }
            if (!victims.isEmpty()) {
                PreparedStatement delete = db.prepare("DELETE FROM messages WHERE seq = ?");
                for (long seq : victims) {
                    delete.setLong(1, seq);
                    delete.executeUpdate();
                }
                limits.forgetAll();
                return victims.size();
            }
        }
        return 0;
    }

    static long rawBytes(Statements db) throws SQLException {
        try (ResultSet r = db.prepare("SELECT raw_bytes FROM store_stats WHERE id = 1").executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
