package io.mailbin.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Finds the URLs in a message's text and HTML bodies, the spec's {@code links}. */
final class LinkExtractor {
    /** Enough for any real message; a message stuffed with URLs should not bloat every listing. */
    static final int MAX_LINKS = 500;

    private LinkExtractor() {}

    static List<String> extract(String text, String html) {
        Set<String> links = new LinkedHashSet<>();
        if (html != null) {
            scanHtml(html, links);
        }
        if (text != null) {
            scanText(text, links);
        }
        return List.copyOf(links);
    }

    /**
     * Finds the http(s) targets of {@code href} attributes. A full HTML parse costs ten times the rest of
     * ingest for a newsletter, so this scans for {@code href=} and reads the (quoted or bare) value,
     * decoding the character references URLs carry in HTML ({@code &amp;} and numeric ones).
     */
    private static void scanHtml(String html, Set<String> links) {
        int i = 0;
        while (links.size() < MAX_LINKS && (i = indexOfIgnoreCase(html, "href", i)) >= 0) {
            int j = skipSpaces(html, i + 4);
            if (j >= html.length() || html.charAt(j) != '=') {
                i += 4;
                continue;
            }
            j = skipSpaces(html, j + 1);
            if (j >= html.length()) {
                return;
            }
            char quote = html.charAt(j);
            int start = quote == '"' || quote == '\'' ? j + 1 : j;
            int end = start;
            while (end < html.length() && (quote == '"' || quote == '\''
                    ? html.charAt(end) != quote : !Character.isWhitespace(html.charAt(end)) && html.charAt(end) != '>')) {
                end++;
            }
            String href = HtmlEntities.decode(html.substring(start, end)).trim();
            if (isHttp(href, 0)) {
                links.add(href);
            }
            i = end;
        }
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        for (int i = s.indexOf('h', from), j = s.indexOf('H', from); i >= 0 || j >= 0; ) {
            int at = i < 0 ? j : j < 0 ? i : Math.min(i, j);
            if (s.regionMatches(true, at, needle, 0, needle.length())) {
                return at;
            }
            if (at == i) {
                i = s.indexOf('h', at + 1);
            } else {
                j = s.indexOf('H', at + 1);
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Finds {@code http://} and {@code https://} URLs in plain text. Runs on every message at ingest, so it
     * looks for "://" with {@link String#indexOf} (vectorised) instead of trying a regex at every offset.
     */
    private static void scanText(String text, Set<String> links) {
        for (int sep = text.indexOf("://"); sep >= 0 && links.size() < MAX_LINKS; sep = text.indexOf("://", sep + 3)) {
            int start = sep >= 5 && isHttp(text, sep - 5) ? sep - 5 : sep >= 4 && isHttp(text, sep - 4) ? sep - 4 : -1;
            if (start < 0) {
                continue;
            }
            int end = sep + 3;
            while (end < text.length() && !endsUrl(text.charAt(end))) {
                end++;
            }
            while (end > sep + 3 && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
                end--; // "see https://x.test/a." ends a sentence, not the URL
            }
            if (end > sep + 3) {
                links.add(text.substring(start, end));
            }
        }
    }

    private static boolean isHttp(String s, int at) {
        return s.regionMatches(true, at, "https://", 0, 8) || s.regionMatches(true, at, "http://", 0, 7);
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || "<>\"'()[]{}".indexOf(c) >= 0;
    }
}
