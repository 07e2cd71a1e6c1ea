package io.mailbin.ingest;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mailsac-style identifiers. A transaction id names one accepted DATA: seven base-62 digits of the
 * arrival time in milliseconds, then nine random ones. The copy filed in the n-th inbox the message
 * routes to is {@code <transaction id>-<n>}, as Mailsac's ids look ({@code m3phnJ2ag3example-0}).
 *
 * <p>The time prefix lets {@code since=<id>} keep working after the message was deleted. Privacy never
 * depends on ids being unguessable: every read is authorised by the message's real inbox.
 */
public final class MessageIds {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int TIME_DIGITS = 7; // 62^7 ms ≈ 111 years from 1970
    private static final int RANDOM_DIGITS = 9;

    private MessageIds() {}

    public static String transactionId() {
        return transactionId(System.currentTimeMillis());
    }

    static String transactionId(long epochMillis) {
        char[] id = new char[TIME_DIGITS + RANDOM_DIGITS];
        long t = epochMillis;
        for (int i = TIME_DIGITS - 1; i >= 0; i--) {
            id[i] = ALPHABET.charAt((int) (t % 62));
            t /= 62;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = TIME_DIGITS; i < id.length; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(62));
        }
        return new String(id);
    }

    public static String messageId(String transactionId, int copy) {
        return transactionId + "-" + copy;
    }

    /** When the message with this id arrived, read from the id itself; empty if it is not one of ours. */
    public static Optional<Instant> timeOf(String messageId) {
        if (messageId == null || messageId.length() < TIME_DIGITS + RANDOM_DIGITS) {
            return Optional.empty();
        }
        long t = 0;
        for (int i = 0; i < TIME_DIGITS; i++) {
            int digit = ALPHABET.indexOf(messageId.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            t = t * 62 + digit;
        }
        return Optional.of(Instant.ofEpochMilli(t));
    }
}
