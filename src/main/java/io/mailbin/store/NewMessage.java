package io.mailbin.store;

import io.mailbin.mail.MessageSummary;

/**
 * One inbox's copy of an incoming message, as ingest hands it to the store.
 *
 * @param inbox         the inbox it is filed under
 * @param originalInbox the address it was sent to (with any +tag), so listing that address finds it
 * @param spam          spam score in [0,1], or null when no classifier scored it
 * @param folder        {@code inbox} or {@code spam}
 */
public record NewMessage(
        String id,
        String inbox,
        String originalInbox,
        String domain,
        MessageSummary summary,
        Double spam,
        String folder) {}
