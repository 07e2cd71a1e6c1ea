package io.mailbin.store;

import java.time.Instant;
import java.util.List;

/**
 * The operator's deny-list as stored: entries (an IP, a CIDR block or a domain, already in canonical
 * form) with the reason senders are told. Matching and caching live above the store, in
 * {@code policy.DenyList}.
 */
public interface DenyListStore {
    record Entry(String entry, String reason, Instant added) {}

    /** Adds the entry, or replaces the reason of an existing one; returns it as stored. */
    Entry add(String entry, String reason);

    /** Removes the entry; false when it was not listed. */
    boolean remove(String entry);

    /** Every entry, oldest first. */
    List<Entry> list();

    /**
     * A number that changes whenever the list changes, by this process or any other sharing the store
     * (the command line edits the list of a running server), so a cache can tell cheaply that it is stale.
     */
    long version();
}
