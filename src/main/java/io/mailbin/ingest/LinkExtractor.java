package io.mailbin.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** Finds the URLs in a message's text and HTML bodies, the spec's {@code links}. */
final class LinkExtractor {
    /** Enough for any real message; a message stuffed with URLs should not bloat every listing. */
    static final int MAX_LINKS = 500;

    private LinkExtractor() {}

    static List<String> extract(String text, String html) {
        Set<String> links = new LinkedHashSet<>();
        if (html != null && html.contains("href")) {
            for (Element a : Jsoup.parse(html).select("a[href]")) {
                String href = a.attr("href").trim();
                if (isHttp(href, 0) && links.size() < MAX_LINKS) {
                    links.add(href);
                }
            }
        }
        if (text != null) {
            scanText(text, links);
        }
        return List.copyOf(links);
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
