package io.mailbin.ingest;

import io.mailbin.store.StoredMessage;
import java.util.List;

/** Proof that a message was committed: its transaction id and the copies stored, one per inbox. */
public record Receipt(String transactionId, List<StoredMessage> stored) {}
