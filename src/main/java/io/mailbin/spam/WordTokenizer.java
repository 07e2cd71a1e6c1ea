package io.mailbin.spam;

import java.util.Locale;

/**
 * Splits text into word tokens the way SpamBayes does: on whitespace only, lower-cased, with
 * surrounding punctuation stripped but inner punctuation, {@code $} and {@code !} kept, because
 * "$1,000!!" says more than "1" and "000". URLs and e-mail addresses become structured tokens;
 * very long words are summarised as {@code skip:} tokens instead of being learned one by one.
 */
final class WordTokenizer {
    static final int MIN_WORD = 3;
    static final int MAX_WORD = 16;
    private static final String STRIPPED = "\"'()[]<>{},.;:?*`|-=~^#/\\+";
    private static final boolean[] IS_STRIPPED = new boolean[128];

    static {
        for (char c : STRIPPED.toCharArray()) {
            IS_STRIPPED[c] = true;
        }
    }

    private WordTokenizer() {
    }

    /** Adds the tokens of {@code text} to the sink, each prefixed with {@code prefix} (empty for body text). */
    static void tokenize(String text, String prefix, TokenSink sink) {
        // lower-case once and cut chunks by index: this loop is most of the cost of scoring a message
        String lower = text.toLowerCase(Locale.ROOT);
        int length = lower.length();
        int i = 0;
        while (i < length && !sink.full()) {
            while (i < length && isSpace(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !isSpace(lower.charAt(i))) {
                i++;
            }
            if (i > start) {
                chunk(lower, start, i, prefix, sink);
            }
        }
    }

    private static void chunk(String lower, int chunkStart, int chunkEnd, String prefix, TokenSink sink) {
        if (lower.startsWith("www.", chunkStart) || lower.indexOf("://", chunkStart, chunkEnd) >= 0) {
            UrlTokens.add(lower.substring(chunkStart, chunkEnd), prefix, sink);
            return;
        }
        int start = chunkStart;
        int end = chunkEnd;
        while (start < end && isStripped(lower.charAt(start))) {
            start++;
        }
        while (end > start && isStripped(lower.charAt(end - 1))) {
            end--;
        }
        int length = end - start;
        if (length < MIN_WORD) {
            return;
        }
        int at = indexOf(lower, '@', start, end);
        if (at > start && indexOf(lower, '.', at, end) > at) {
            emailTokens(lower.substring(start, end), at - start, prefix, sink);
            return;
        }
        if (length <= MAX_WORD) {
            String word = lower.substring(start, end);
            sink.add(prefix.isEmpty() ? word : prefix + word);
            return;
        }
        sink.add(prefix + "skip:" + lower.charAt(start) + " " + (length / 10) * 10);
    }

    private static int indexOf(String text, char c, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isStripped(char c) {
        return c < 128 && IS_STRIPPED[c];
    }

    private static boolean isSpace(char c) {
        return c <= ' ' ? c == ' ' || (c >= '\t' && c <= '\r') || c >= '\u001c' : c >= '\u0080' && Character.isWhitespace(c);
    }

    private static void emailTokens(String word, int at, String prefix, TokenSink sink) {
        sink.add(prefix + "email name:" + word.substring(0, at));
        for (String piece : word.substring(at + 1).split("\\.")) {
            if (!piece.isEmpty()) {
                sink.add(prefix + "email addr:" + piece);
            }
        }
    }

    static String strip(String chunk) {
        int start = 0;
        int end = chunk.length();
        while (start < end && STRIPPED.indexOf(chunk.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && STRIPPED.indexOf(chunk.charAt(end - 1)) >= 0) {
            end--;
        }
        return chunk.substring(start, end);
    }
}
