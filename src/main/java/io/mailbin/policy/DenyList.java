package io.mailbin.policy;

import io.mailbin.store.DenyListStore;
import io.mailbin.store.StoreUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deny-list as the server uses it: IPs, CIDR blocks and domains whose mail is refused with 554,
 * kept in the store and cached in memory, because it is checked on every connection. A change made
 * here refreshes the cache at once; a change made by another process (the command line) is noticed
 * by polling the store's version every {@code refresh}.
 */
public final class DenyList implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DenyList.class);

    /** A deny-list entry that covers what was asked about, with the reason senders are told. */
    public record Match(HostEntry entry, String reason) {}

    private final DenyListStore store;
    private final ScheduledExecutorService refresher;
    private volatile HostList<String> cache = new HostList<>(Map.of());
    private volatile long version = -1;

    private DenyList(DenyListStore store, ScheduledExecutorService refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    /** Loads the list, and keeps it fresh every {@code refresh} when that is positive. */
    public static DenyList open(DenyListStore store, Duration refresh) {
        ScheduledExecutorService refresher = refresh.isPositive()
                ? Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("deny-list").daemon(true).unstarted(r))
                : null;
        DenyList list = new DenyList(store, refresher);
        list.reload();
        if (refresher != null) {
            refresher.scheduleWithFixedDelay(list::refreshQuietly, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
        return list;
    }

    /** Lists {@code entry} (an IP, CIDR block or domain) with the reason senders will be told. */
    public DenyListStore.Entry add(String entry, String reason) {
        HostEntry e = HostEntry.parse(entry);
        String why = reason == null || reason.isBlank() ? "listed by the operator" : oneLine(reason);
        DenyListStore.Entry stored = store.add(e.text(), why);
        reload();
        return stored;
    }

    /** Unlists {@code entry}; false when it was not listed. */
    public boolean remove(String entry) {
        boolean removed = store.remove(HostEntry.parse(entry).text());
        reload();
        return removed;
    }

    public List<DenyListStore.Entry> list() {
        return store.list();
    }

    /** The entry covering this IP (or a CIDR block it is in), if any. */
    public Optional<Match> matchIp(String ip) {
        return cache.matchIp(ip).map(m -> new Match(m.getKey(), m.getValue()));
    }

    /** The entry covering this domain or a parent domain, if any. */
    public Optional<Match> matchDomain(String domain) {
        return cache.matchDomain(domain).map(m -> new Match(m.getKey(), m.getValue()));
    }

    /** An IP literal is checked as an address, anything else as a domain (the API's {@code domainOrIP}). */
    public Optional<Match> check(String ipOrDomain) {
        return cache.match(ipOrDomain).map(m -> new Match(m.getKey(), m.getValue()));
    }

    /** Reloads when another process changed the list since the last load. */
    public void refresh() {
        if (store.version() != version) {
            reload();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (StoreUnavailableException e) {
            log.warn("deny-list not refreshed, keeping the cached one: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("deny-list refresh failed, keeping the cached one", e);
        }
    }

    private synchronized void reload() {
        long v = store.version();
        Map<HostEntry, String> entries = new LinkedHashMap<>();
        for (DenyListStore.Entry e : store.list()) {
            try {
                entries.put(HostEntry.parse(e.entry()), e.reason());
            } catch (IllegalArgumentException bad) {
                log.warn("ignoring unreadable deny-list entry '{}': {}", e.entry(), bad.getMessage());
            }
        }
        cache = new HostList<>(entries);
        version = v;
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
