package io.mailbin.store;

import io.mailbin.mail.MessageSummary;

/**
 * One inbox's copy of an incoming message, as ingest hands it to the store.
 *
 * @param route  where it is filed, who may read it, and which forwarding fires
 * @param spam   spam score in [0,1], or null when no classifier scored it
 * @param folder {@code inbox} or {@code spam}
 */
public record NewMessage(String id, Route route, MessageSummary summary, Double spam, String folder) {}
