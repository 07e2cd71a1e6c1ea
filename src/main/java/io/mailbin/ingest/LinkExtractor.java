package io.mailbin.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/** Finds the URLs in a message's text and HTML bodies, the spec's {@code links}. */
final class LinkExtractor {
    /** Enough for any real message; a message stuffed with URLs should not bloat every listing. */
    static final int MAX_LINKS = 500;

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"'()\\[\\]{}]+", Pattern.CASE_INSENSITIVE);

    private LinkExtractor() {}

    static List<String> extract(String text, String html) {
        Set<String> links = new LinkedHashSet<>();
        if (html != null) {
            for (Element a : Jsoup.parse(html).select("a[href]")) {
                String href = a.attr("href").trim();
                String lower = href.toLowerCase(Locale.ROOT);
                if ((lower.startsWith("http://") || lower.startsWith("https://")) && links.size() < MAX_LINKS) {
                    links.add(href);
                }
            }
        }
        if (text != null) {
            Matcher m = URL.matcher(text);
            while (m.find() && links.size() < MAX_LINKS) {
                links.add(trimTrailingPunctuation(m.group()));
            }
        }
        return List.copyOf(links);
    }

    /** "see https://x.test/a." ends a sentence, not the URL. */
    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
