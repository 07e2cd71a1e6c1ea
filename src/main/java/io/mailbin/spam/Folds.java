package io.mailbin.spam;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Deterministic fold assignment for cross-validation. A message's fold comes from a hash of its
 * body (whitespace-normalised), so copies of one body always land in the same fold and never
 * let the model be tested on something it was trained on.
 */
final class Folds {

    private Folds() {
    }

    /** Fold of every message; another {@code seed} gives another, equally deterministic, assignment. */
    static int[] assign(List<LabelledMessage> messages, int folds, int seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        int[] assignment = new int[messages.size()];
        for (int i = 0; i < assignment.length; i++) {
            byte[] digest = sha256(seed, normalisedBody(messages.get(i).raw()));
            assignment[i] = Math.floorMod(ByteBuffer.wrap(digest).getInt(), folds);
        }
        return assignment;
    }

    /** The bytes after the first blank line, with all whitespace removed. */
    static byte[] normalisedBody(byte[] raw) {
        int start = raw.length;
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                start = i + 1;
                break;
            }
        }
        byte[] body = new byte[raw.length - start];
        int length = 0;
        for (int i = start; i < raw.length; i++) {
            byte b = raw[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                body[length++] = b;
            }
        }
        return Arrays.copyOf(body, length);
    }

    private static byte[] sha256(int seed, byte[] bytes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (seed != 0) {
                digest.update(ByteBuffer.allocate(4).putInt(seed).array());
            }
            return digest.digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
