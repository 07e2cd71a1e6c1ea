package io.mailbin.spam;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Turns a raw RFC 822 message into the tokens the classifier learns from: prefixed header
 * tokens, then words and URLs of every text part (HTML reduced to its text), then a token per
 * binary attachment type. Training and scoring both go through here, so they always see the
 * same text extraction. Thread-safe and stateless apart from its limits.
 */
public final class Tokenizer {
    private final TokenizerLimits limits;
    private final MimeReader reader;

    public Tokenizer(TokenizerLimits limits) {
        this.limits = limits;
        this.reader = new MimeReader(limits);
    }

    public static Tokenizer standard() {
        return new Tokenizer(TokenizerLimits.DEFAULT);
    }

    /** The tokens of a message in order of appearance, repeats included, at most {@code maxTokens}. */
    public List<String> tokenize(byte[] rawMessage) {
        ParsedMessage message = reader.read(rawMessage);
        var sink = new TokenSink(limits.maxTokens());
        for (Header header : message.headers()) {
            HeaderTokenizer.tokenize(header, sink);
        }
        if (message.parts().isEmpty() || message.parts().stream().allMatch(part -> part.text().isBlank())) {
            sink.add("body:empty");
        }
        for (MessagePart part : message.parts()) {
            part(part, sink);
        }
        return Collections.unmodifiableList(sink.tokens());
    }

    /** Tokens of the structured form used by the HTTP API; identical to tokenising {@link SpamCheck#toRawMessage()}. */
    public List<String> tokenize(SpamCheck check) {
        return tokenize(check.toRawMessage());
    }

    private static void part(MessagePart part, TokenSink sink) {
        sink.add("part:" + part.mimeType());
        if (!part.charset().isEmpty()) {
            sink.add("charset:" + part.charset());
        }
        if (!part.transferEncoding().isEmpty()) {
            sink.add("content-transfer-encoding:" + part.transferEncoding());
        }
        if (!part.filename().isEmpty()) {
            int dot = part.filename().lastIndexOf('.');
            sink.add("filename-ext:" + (dot < 0 ? "" : part.filename().substring(dot + 1)));
        }
        if (!part.isText()) {
            return;
        }
        if (part.isHtml()) {
            html(part.text(), sink);
        } else {
            WordTokenizer.tokenize(part.text(), "", sink);
        }
    }

    private static void html(String html, TokenSink sink) {
        HtmlText text = HtmlText.of(html);
        for (String element : text.elements()) {
            sink.add("html:" + element);
        }
        for (String url : text.urls()) {
            String lower = url.trim().toLowerCase(Locale.ROOT);
            if (lower.contains("://")) {
                UrlTokens.add(lower, "", sink);
            } else if (lower.startsWith("mailto:")) {
                WordTokenizer.tokenize(lower.substring("mailto:".length()), "", sink);
            }
        }
        WordTokenizer.tokenize(text.text(), "", sink);
    }
}
