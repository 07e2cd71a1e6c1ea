package io.mailbin.spam;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An HTML body reduced to what a reader sees (its text) plus what spam hides in markup: the
 * link, image and form targets, and which tell-tale elements it uses.
 */
record HtmlText(String text, List<String> urls, Set<String> elements) {
    /** Elements whose mere presence is informative; layout tags like p or div are not. */
    private static final Set<String> TELLING_ELEMENTS =
            Set.of("img", "form", "input", "script", "iframe", "object", "embed", "font", "table", "map",
                    "area", "style", "center", "base", "meta", "blink", "marquee");
    private static final int MAX_URLS = 64;

    static HtmlText of(String html) {
        Document document = Jsoup.parse(html);
        List<String> urls = new ArrayList<>();
        Set<String> elements = new TreeSet<>();
        for (Element element : document.getAllElements()) {
            String tag = element.normalName();
            if (TELLING_ELEMENTS.contains(tag)) {
                elements.add(tag);
            }
            for (String attribute : List.of("href", "src", "action")) {
                String target = element.attr(attribute);
                if (!target.isEmpty() && urls.size() < MAX_URLS) {
                    urls.add(target);
                }
            }
        }
        return new HtmlText(document.text(), urls, elements);
    }
}
