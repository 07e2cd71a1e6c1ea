package io.mailbin.api;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The sanitised HTML body the spec's {@code /body} promises: scripts, images and links stripped, text
 * and ordinary formatting kept. Anchors are dropped but their text stays.
 */
final class SafeHtml {
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowCommonBlockElements()
            .allowCommonInlineFormattingElements()
            .allowElements("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "code",
                    "blockquote", "hr", "span", "dl", "dt", "dd", "center")
            .allowAttributes("colspan", "rowspan", "align", "valign").onElements("td", "th")
            .allowAttributes("align").onElements("p", "div", "table", "tr", "center")
            .toFactory();

    private SafeHtml() {}

    static String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    /** For a text-only message: the text as HTML, escaped, line breaks kept. */
    static String fromText(String text) {
        StringBuilder b = new StringBuilder(text.length() + 64).append("<html><body><p>");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n' -> b.append("<br>\n");
                case '\r' -> { }
                default -> b.append(c);
            }
        }
        return b.append("</p></body></html>").toString();
    }
}
