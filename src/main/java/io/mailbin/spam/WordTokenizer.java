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

    private WordTokenizer() {
    }

    /** Adds the tokens of {@code text} to the sink, each prefixed with {@code prefix} (empty for body text). */
    static void tokenize(String text, String prefix, TokenSink sink) {
        int length = text.length();
        int i = 0;
        while (i < length && !sink.full()) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                chunk(text.substring(start, i).toLowerCase(Locale.ROOT), prefix, sink);
            }
        }
    }

    private static void chunk(String chunk, String prefix, TokenSink sink) {
        if (chunk.contains("://") || chunk.startsWith("www.")) {
            UrlTokens.add(chunk, prefix, sink);
            return;
        }
        String word = strip(chunk);
        if (word.length() < MIN_WORD) {
            return;
        }
        int at = word.indexOf('@');
        if (at > 0 && word.indexOf('.', at) > at) {
            emailTokens(word, at, prefix, sink);
            return;
        }
        if (word.length() <= MAX_WORD) {
            sink.add(prefix + word);
            return;
        }
        sink.add(prefix + "skip:" + word.charAt(0) + " " + (word.length() / 10) * 10);
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
