package io.mailbin.ingest;

import io.mailbin.store.StoredMessage;
import java.util.List;

/**
 * A message that has just been committed, as listeners receive it: every inbox copy that was stored,
 * with the bytes and the parsed bodies ingest already has in hand, so no listener reads them again.
 */
public record NewMail(List<StoredMessage> copies, byte[] raw, ParsedMessage parsed) {
    public NewMail {
        copies = List.copyOf(copies);
    }
}
