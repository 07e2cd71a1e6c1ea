package io.mailbin.store;

import io.mailbin.mail.MessageSummary;
import java.time.Instant;
import java.util.List;

/**
 * A message as the store holds it: where it was routed, its immutable summary, and the flags users change.
 *
 * @param received strictly increasing per domain, so {@code until} paging never skips or repeats mail
 * @param size     bytes of the raw message as stored (with our Received header)
 */
public record StoredMessage(
        String id,
        Route route,
        Instant received,
        int size,
        MessageSummary summary,
        Double spam,
        Flags flags) {

    public String inbox() {
        return route.inbox();
    }

    public String originalInbox() {
        return route.originalInbox();
    }

    public String domain() {
        return route.domain();
    }

    public String owner() {
        return route.owner();
    }

    public boolean isPrivate() {
        return route.isPrivate();
    }

    public String folder() {
        return flags.folder();
    }

    public List<String> labels() {
        return flags.labels();
    }

    public boolean read() {
        return flags.read();
    }

    public String savedBy() {
        return flags.savedBy();
    }

    /** Whether a request for {@code address} (normalised) refers to this message's inbox. */
    public boolean belongsTo(String address) {
        return inbox().equals(address) || originalInbox().equals(address);
    }
}
