package io.mailbin.spam;

/**
 * Reads the shape of a lower-cased Date header value: its last zone notation, its hour and whether it
 * starts with a weekday. A hand-written scan with exactly the meaning of the regexes
 * {@code ([+-]\d{4}|\(?\b[a-z]{2,5}\)?$)} (last match), {@code \b(\d{1,2}):\d{2}} (first match) and
 * {@code (mon|tue|wed|thu|fri|sat|sun)[a-z]*,} (at the start): every message has a Date header, and the
 * regexes cost a tenth of scoring one.
 */
final class DateShape {
    private static final String[] WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private DateShape() {
    }

    /** The last zone notation ("+0000", "(utc)", "gmt"), or "none". */
    static String zone(String value) {
        String trailing = trailingZoneName(value);
        if (trailing != null) {
            return trailing; // a match that ends the value is always the last one
        }
        for (int i = value.length() - 5; i >= 0; i--) {
            char sign = value.charAt(i);
            if ((sign == '+' || sign == '-') && isDigit(value, i + 1) && isDigit(value, i + 2)
                    && isDigit(value, i + 3) && isDigit(value, i + 4)) {
                return value.substring(i, i + 5);
            }
        }
        return "none";
    }

    /**
     * The final word of two to five letters, with an opening parenthesis right before it and a closing
     * one right after it kept, when it ends the value (or the value but for one final line terminator,
     * as {@code $} allows); null when the value does not end so.
     */
    private static String trailingZoneName(String value) {
        int end = value.length();
        if (value.endsWith("\r\n")) {
            end -= 2; // "$" also matches before a final line terminator
        } else if (end > 0 && isLineTerminator(value.charAt(end - 1))) {
            end--;
        }
        int lettersEnd = end > 0 && value.charAt(end - 1) == ')' ? end - 1 : end;
        int start = lettersEnd;
        while (start > 0 && lettersEnd - start < 5 && isLetter(value.charAt(start - 1))) {
            start--;
        }
        int letters = lettersEnd - start;
        if (letters < 2 || (start > 0 && isWordChar(value.charAt(start - 1)))) {
            return null; // too short, or part of a longer word (no word boundary before it)
        }
        if (start > 0 && value.charAt(start - 1) == '(') {
            start--;
        }
        return value.substring(start, end);
    }

    /** The hour of the first "h:mm" or "hh:mm" that starts at a word boundary, or -1. */
    static int hour(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (!isDigit(value, i) || (i > 0 && isWordChar(value.charAt(i - 1)))) {
                continue;
            }
            if (isDigit(value, i + 1) && charAt(value, i + 2) == ':' && isDigit(value, i + 3) && isDigit(value, i + 4)) {
                return (value.charAt(i) - '0') * 10 + (value.charAt(i + 1) - '0');
            }
            if (charAt(value, i + 1) == ':' && isDigit(value, i + 2) && isDigit(value, i + 3)) {
                return value.charAt(i) - '0';
            }
        }
        return -1;
    }

    /** Whether the value starts with a weekday name (or a longer word starting with one) and a comma. */
    static boolean startsWithWeekday(String value) {
        for (String day : WEEKDAYS) {
            if (value.startsWith(day)) {
                int i = day.length();
                while (i < value.length() && isLetter(value.charAt(i))) {
                    i++;
                }
                return i < value.length() && value.charAt(i) == ',';
            }
        }
        return false;
    }

    private static char charAt(String value, int i) {
        return i < value.length() ? value.charAt(i) : '\0';
    }

    private static boolean isDigit(String value, int i) {
        char c = charAt(value, i);
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** A word character as regex {@code \b} sees it. */
    private static boolean isWordChar(char c) {
        return isLetter(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
