package io.mailbin.ingest;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Mailsac-style identifiers. A transaction id names one accepted DATA; the copy of the message filed in
 * the n-th inbox it routes to is {@code <transaction id>-<n>}, as Mailsac's ids look ({@code m3phnJ2ag3example-0}).
 * Ids are unguessable enough not to collide; privacy never depends on them, since every read is
 * authorised by the message's real inbox.
 */
public final class MessageIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 16; // 62^16 ≈ 2^95

    private MessageIds() {}

    public static String transactionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    public static String messageId(String transactionId, int copy) {
        return transactionId + "-" + copy;
    }
}
