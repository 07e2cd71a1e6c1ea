package io.mailbin.store;

import java.time.Instant;

/**
 * A page of every message an account owns or starred, newest first, optionally filtered.
 * Text conditions match case-insensitively as substrings: {@code subject} the subject, {@code from} the
 * From names and addresses, {@code to} the To names and addresses or the inbox.
 *
 * @param anyOf       true: a message matches when any condition holds (search); false: when all hold (filter)
 * @param read        only read (true) or unread (false) messages, or null for both
 * @param starredOnly only the messages the account starred
 */
public record AccountQuery(String account, Instant since, int skip, int limit, String subject, String from, String to,
                           Boolean read, boolean anyOf, boolean starredOnly) {

    public static AccountQuery page(String account, Instant since, int skip, int limit) {
        return new AccountQuery(account, since, skip, limit, null, null, null, null, false, false);
    }

    public static AccountQuery starred(String account, int limit) {
        return new AccountQuery(account, null, 0, limit, null, null, null, null, false, true);
    }
}
