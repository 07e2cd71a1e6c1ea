package io.mailbin.spam;

/**
 * The shape of a machine-made string: runs of digits become {@code 9}, of lower-case letters
 * {@code a}, of capitals {@code A}; punctuation stays. Message-IDs and MIME boundaries are
 * unique per message, but their shape identifies the software (often spamware) that made them.
 */
final class Shape {
    private static final int MAX_LENGTH = 40;

    private Shape() {
    }

    static String of(String value) {
        var shape = new StringBuilder(MAX_LENGTH);
        char last = 0;
        for (int i = 0; i < value.length() && shape.length() < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            char kind = Character.isDigit(c) ? '9' : Character.isUpperCase(c) ? 'A' : Character.isLetter(c) ? 'a' : c;
            boolean run = kind == '9' || kind == 'a' || kind == 'A';
            if (!run || kind != last) {
                shape.append(kind);
            }
            last = kind;
        }
        return shape.toString();
    }
}
