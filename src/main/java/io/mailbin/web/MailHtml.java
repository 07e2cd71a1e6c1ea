package io.mailbin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * A message's HTML made fit for the UI's mail frame. The frame's sandbox and Content-Security-Policy are
 * what stop scripts and remote loads; this rewrite is the second layer and the one that blocks remote
 * images by default: it drops elements and attributes that run or fetch things (scripts, frames, plugins,
 * {@code <base>}, {@code <meta>} refreshes, event handlers, non-web URLs), keeps the mail's own styles for
 * fidelity, opens links in a new tab, and takes the {@code src} off remote images unless they are allowed,
 * counting them so the UI can offer to load them.
 */
final class MailHtml {
    /** The HTML to serve, and how many remote images (and CSS images) the mail asks for. */
    record Rendered(String html, int remoteImages) {}

    /**
     * Inline SVG and MathML go whole: their {@code <style>} parses differently in a browser than here (markup
     * inside it becomes elements again, the mutation-XSS trick), and mail clients drop them anyway.
     */
    private static final String REMOVED = "script, iframe, frame, frameset, object, embed, applet, base, meta, link, "
            + "portal, template, svg, math, set, animate, animatetransform, animatemotion, handler, listener";
    /** CSS that once ran code in some browser; none does now, and it has no business in mail. */
    private static final Pattern CSS_CODE = Pattern.compile("javascript\\s*:|vbscript\\s*:|expression\\s*\\(|-moz-binding|behavior\\s*:",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> IMAGE_ATTRIBUTES = Set.of("src", "srcset", "background", "poster", "lowsrc", "dynsrc");
    private static final Set<String> URL_ATTRIBUTES = Set.of("action", "formaction", "xlink:href", "data", "codebase",
            "cite", "longdesc", "usemap", "manifest", "icon", "profile", "classid", "archive", "ping", "srcdoc");
    private static final Pattern CSS_REMOTE_URL = Pattern.compile("url\\(\\s*['\"]?\\s*(?:https?:)?//", Pattern.CASE_INSENSITIVE);

    private MailHtml() {}

    static Rendered render(String html, boolean remoteImages) {
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false);
        doc.select(REMOVED).remove();
        int remote = 0;
        for (Element style : doc.select("style")) {
            String css = style.data();
            remote += count(css);
            style.empty().appendChild(new DataNode(defused(css)));
        }
        for (Element e : doc.getAllElements()) {
            List<Attribute> attributes = new ArrayList<>(e.attributes().asList());
            for (Attribute a : attributes) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                String url = compact(a.getValue());
                if (name.startsWith("on") || URL_ATTRIBUTES.contains(name) || name.endsWith(":href")) {
                    e.removeAttr(a.getKey());
                } else if (name.equals("href")) {
                    link(e, a.getKey(), url);
                } else if (IMAGE_ATTRIBUTES.contains(name)) {
                    if (url.startsWith("data:image/") && !name.equals("srcset")) {
                        continue;
                    }
                    if (url.startsWith("http:") || url.startsWith("https:") || url.startsWith("//") || name.equals("srcset")) {
                        remote++;
                        if (remoteImages) {
                            continue;
                        }
                        e.attr("data-blocked-" + name, a.getValue());
                    }
                    e.removeAttr(a.getKey());
                } else if (name.equals("style")) {
                    remote += count(a.getValue());
                    e.attr(a.getKey(), defused(a.getValue()));
                }
            }
        }
        return new Rendered(doc.outerHtml(), remote);
    }

    /** A text-only message, as a page of its own. */
    static String fromText(String text) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><style>body{margin:1rem;font:15px/1.5 system-ui,sans-serif;"
                + "color:#111;background:#fff}pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:inherit}</style>"
                + "</head><body><pre>" + Entities.escape(text) + "</pre></body></html>";
    }

    /** Web, mail and phone links open outside the frame; anything else (javascript:, data:, file:...) goes. */
    private static void link(Element e, String key, String url) {
        if (url.startsWith("#")) {
            return;
        }
        if (url.startsWith("http:") || url.startsWith("https:") || url.startsWith("mailto:") || url.startsWith("tel:")) {
            e.attr("target", "_blank");
            e.attr("rel", "noopener noreferrer");
            return;
        }
        e.removeAttr(key);
    }

    /** A URL as a browser reads its scheme: without the whitespace and control characters it ignores. */
    private static String compact(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), 64));
        for (int i = 0; i < value.length() && b.length() < 64; i++) {
            char c = value.charAt(i);
            if (c > ' ') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static String defused(String css) {
        return CSS_CODE.matcher(css).replaceAll("blocked");
    }

    private static int count(String css) {
        int n = 0;
        Matcher m = CSS_REMOTE_URL.matcher(css);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
