package io.mailbin.spam;

/**
 * A leaf part of a MIME message as the tokenizer sees it.
 *
 * @param mimeType lower-case media type, e.g. {@code text/plain}
 * @param charset declared charset, lower case, or empty
 * @param transferEncoding lower-case Content-Transfer-Encoding
 * @param filename declared file name, or empty
 * @param text decoded text for text parts; empty for binary parts, whose content is never read
 */
record MessagePart(String mimeType, String charset, String transferEncoding, String filename, String text) {

    /** HTML parts, and plain parts that are HTML in disguise (common in spam): both are read as a browser would show them. */
    boolean isHtml() {
        if (mimeType.equals("text/html")) {
            return true;
        }
        if (!mimeType.equals("text/plain")) {
            return false;
        }
        // look at the first 2,000 characters, without lower-casing them (that copy was a tenth of scoring)
        int end = Math.min(text.length(), 2_000);
        for (int i = text.indexOf('<', 0, end); i >= 0; i = text.indexOf('<', i + 1, end)) {
            if (tagAt(text, i + 1, end, "html") || tagAt(text, i + 1, end, "body") || tagAt(text, i + 1, end, "table")) {
                return true;
            }
        }
        return false;
    }

    private static boolean tagAt(String text, int at, int end, String name) {
        return at + name.length() <= end && text.regionMatches(true, at, name, 0, name.length());
    }

    boolean isText() {
        return mimeType.startsWith("text/");
    }
}
