package io.mailbin.ingest;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A plain-text rendering of an HTML body for messages that only sent HTML, close to a browser's
 * {@code innerText}: a paragraph is set off by a blank line, other blocks and {@code <br>} start a new line,
 * table cells are separated by tabs, and {@code <pre>} keeps its whitespace.
 *
 * <p>Line breaks come from the elements alone, never from how the HTML source happens to be indented:
 * whitespace between tags collapses, and no line starts with a space carried over from the markup.
 */
public final class HtmlText {
    private HtmlText() {}

    public static String toText(String html) {
        Renderer r = new Renderer();
        NodeTraversor.traverse(r, Jsoup.parse(html).body());
        return r.out.toString().replaceAll("[ \\t]+\\n", "\n").strip();
    }

    private static final class Renderer implements NodeVisitor {
        final StringBuilder out = new StringBuilder();
        /** Line breaks owed before the next text, as innerText's "required line break count". */
        private int pendingBreaks;
        private int preDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
                text(preDepth > 0 ? t.getWholeText() : t.text());
            } else if (node instanceof Element e) {
                if (e.nameIs("pre")) {
                    preDepth++;
                }
                if (e.nameIs("br")) {
                    flushBreaks();
                    out.append('\n');
                } else if (e.nameIs("td") || e.nameIs("th")) {
                    if (e.previousElementSibling() != null) {
                        cellSeparator();
                    }
                } else if (e.isBlock()) {
                    breaks(e.nameIs("p") ? 2 : 1);
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                if (e.nameIs("pre")) {
                    preDepth--;
                }
                if (!e.nameIs("td") && !e.nameIs("th") && e.isBlock()) {
                    breaks(e.nameIs("p") ? 2 : 1);
                }
            }
        }

        private void text(String s) {
            if (preDepth == 0 && (atLineStart() || endsWithSpace())) {
                s = s.stripLeading(); // the markup's indentation, or a space already written
            }
            if (s.isEmpty()) {
                return;
            }
            flushBreaks();
            out.append(s);
        }

        private void cellSeparator() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            flushBreaks();
            out.append('\t');
        }

        private void breaks(int n) {
            pendingBreaks = Math.max(pendingBreaks, n);
        }

        private void flushBreaks() {
            if (out.isEmpty()) {
                pendingBreaks = 0;
                return;
            }
            int have = 0;
            while (have < out.length() && out.charAt(out.length() - 1 - have) == '\n') {
                have++;
            }
            for (int i = have; i < pendingBreaks; i++) {
                out.append('\n');
            }
            pendingBreaks = 0;
        }

        private boolean atLineStart() {
            return out.isEmpty() || pendingBreaks > 0 || out.charAt(out.length() - 1) == '\n';
        }

        private boolean endsWithSpace() {
            return !out.isEmpty() && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t');
        }
    }
}
