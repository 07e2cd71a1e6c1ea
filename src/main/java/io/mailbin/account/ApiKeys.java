package io.mailbin.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API keys: random, shown once, stored only as a SHA-256 hash. The keys carry about 165 bits of
 * entropy, so a fast hash is enough (a slow password hash protects guessable secrets, not these).
 */
public final class ApiKeys {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new key in Mailsac's format: {@code k_} and 32 lower-case letters and digits. */
    public static String generate() {
        char[] key = new char[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "k_" + new String(key);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }

    /** Compares without leaking, through timing, how much of a guess was right. */
    public static boolean sameKey(String a, String b) {
        return MessageDigest.isEqual(hash(a).getBytes(StandardCharsets.US_ASCII), hash(b).getBytes(StandardCharsets.US_ASCII));
    }
}
