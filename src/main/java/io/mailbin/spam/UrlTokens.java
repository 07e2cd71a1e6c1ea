package io.mailbin.spam;

import java.util.Locale;

/**
 * Cracks a URL into tokens for its scheme, host (whole, registered domain and top-level
 * domain) and path words: spam is often recognisable by where it links to.
 */
final class UrlTokens {
    private static final int MAX_PATH_PIECES = 8;

    private UrlTokens() {
    }

    static void add(String url, String prefix, TokenSink sink) {
        String lower = url.toLowerCase(Locale.ROOT);
        int schemeEnd = lower.indexOf("://");
        String scheme = schemeEnd < 0 ? "http" : scheme(lower, schemeEnd);
        String rest = schemeEnd < 0 ? lower : lower.substring(schemeEnd + 3);
        int hostEnd = firstOf(rest, "/?#");
        String authority = rest.substring(0, hostEnd);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.indexOf(':');
        if (port >= 0) {
            host = host.substring(0, port);
        }
        host = WordTokenizer.strip(host);
        sink.add(prefix + "proto:" + scheme);
        if (host.isEmpty()) {
            return;
        }
        if (authority.contains("@")) {
            sink.add(prefix + "url:userinfo");
        }
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            sink.add(prefix + "url:ip");
        } else {
            addHost(host, prefix, sink);
        }
        addPath(rest.substring(hostEnd), prefix, sink);
    }

    private static void addHost(String host, String prefix, TokenSink sink) {
        sink.add(prefix + "url:" + host);
        int lastDot = host.lastIndexOf('.');
        if (lastDot > 0) {
            int secondDot = host.lastIndexOf('.', lastDot - 1);
            if (secondDot >= 0) {
                sink.add(prefix + "url:" + host.substring(secondDot + 1));
            }
            sink.add(prefix + "url:." + host.substring(lastDot + 1));
        }
    }

    private static void addPath(String path, String prefix, TokenSink sink) {
        int pieces = 0;
        int start = -1;
        for (int i = 0; i <= path.length() && pieces < MAX_PATH_PIECES; i++) {
            boolean wordChar = i < path.length() && Character.isLetterOrDigit(path.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                String piece = path.substring(start, i);
                if (piece.length() >= WordTokenizer.MIN_WORD && piece.length() <= WordTokenizer.MAX_WORD) {
                    sink.add(prefix + "url:" + piece);
                    pieces++;
                }
                start = -1;
            }
        }
    }

    /** The letters right before "://": markup glued to a URL in plain text ({@code href="http}) is not its scheme. */
    private static String scheme(String lower, int schemeEnd) {
        int start = schemeEnd;
        while (start > 0 && lower.charAt(start - 1) >= 'a' && lower.charAt(start - 1) <= 'z') {
            start--;
        }
        return start == schemeEnd ? "none" : lower.substring(start, schemeEnd);
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
