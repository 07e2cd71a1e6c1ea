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
        String head = text.length() > 2_000 ? text.substring(0, 2_000) : text;
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("<html") || lower.contains("<body") || lower.contains("<table");
    }

    boolean isText() {
        return mimeType.startsWith("text/");
    }
}
