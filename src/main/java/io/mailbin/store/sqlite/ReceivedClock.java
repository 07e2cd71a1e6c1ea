package io.mailbin.store.sqlite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assigns {@code received} times that are strictly increasing per domain, in milliseconds.
 *
 * <p>Clients page with {@code until=<received of the last message seen>}, exclusive; two messages of one
 * inbox in the same millisecond would make a page boundary skip or repeat mail. So each domain's next
 * time is at least its previous plus one millisecond. Under a sustained burst above 1,000 messages a
 * second to one domain the clock runs ahead of the wall clock, and falls back once the burst ends.
 * Only the writer thread calls this, so it needs no locking.
 */
final class ReceivedClock {
    private static final int DOMAINS_REMEMBERED = 10_000;

    private final Map<String, Long> lastByDomain = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > DOMAINS_REMEMBERED;
        }
    };
    /** The latest time handed out for any domain: a forgotten domain starts after it, never before its own past. */
    private long highWater;

    ReceivedClock(long latestStored) {
        this.highWater = latestStored;
    }

    long next(String domain, long now) {
        Long last = lastByDomain.get(domain);
        long floor = last != null ? last : highWater;
        long t = Math.max(now, floor + 1);
        lastByDomain.put(domain, t);
        highWater = Math.max(highWater, t);
        return t;
    }
}
