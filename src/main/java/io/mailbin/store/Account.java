package io.mailbin.store;

import java.time.Instant;

/**
 * An account: owns private addresses and custom domains, and reads their mail with its API key.
 *
 * @param operator     an operator account may manage every account (the CLI's {@code --operator})
 * @param messageLimit how many unstarred private messages the account keeps; the oldest go first
 * @param disableSpam  the account's mail is never filed in the spam folder
 */
public record Account(String id, Instant created, boolean operator, int messageLimit, boolean disableSpam) {
    public Account(String id, Instant created, boolean operator, int messageLimit) {
        this(id, created, operator, messageLimit, false);
    }
}
