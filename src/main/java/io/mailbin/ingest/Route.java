package io.mailbin.ingest;

/**
 * Where one recipient's copy of a message is filed.
 *
 * @param inbox         the inbox that stores it
 * @param originalInbox the address it was sent to, as received (normalised, {@code +tag} kept)
 * @param domain        the inbox's domain
 */
public record Route(String inbox, String originalInbox, String domain) {}
