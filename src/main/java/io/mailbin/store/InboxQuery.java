package io.mailbin.store;

import java.time.Instant;

/**
 * A page of one inbox, newest first, holding only what the viewer may read.
 *
 * @param address matches the inbox or the original (pre-routing) address, so a catch-all's or a
 *                {@code +tag}'s mail is found under the address it was sent to
 * @param since   only messages received after this instant (exclusive), or null
 * @param until   only messages received before this instant (exclusive), or null
 */
public record InboxQuery(String address, Instant since, Instant until, int limit, Viewer viewer) {
    public InboxQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public InboxQuery(String address, Instant since, Instant until, int limit) {
        this(address, since, until, limit, Viewer.ANONYMOUS);
    }
}
