package io.mailbin.store;

import io.mailbin.mail.MessageSummary;
import java.time.Instant;
import java.util.List;

/**
 * A message as the store holds it: its immutable summary plus the flags users change.
 *
 * @param received strictly increasing per domain, so {@code until} paging never skips or repeats mail
 * @param size     bytes of the raw message as stored (with our Received header)
 * @param savedBy  the account that starred it, or null
 */
public record StoredMessage(
        String id,
        String inbox,
        String originalInbox,
        String domain,
        Instant received,
        int size,
        MessageSummary summary,
        Double spam,
        String folder,
        List<String> labels,
        boolean read,
        String savedBy) {

    public StoredMessage {
        labels = List.copyOf(labels);
    }

    /** Whether a request for {@code address} (normalised) refers to this message's inbox. */
    public boolean belongsTo(String address) {
        return inbox.equals(address) || originalInbox.equals(address);
    }
}
