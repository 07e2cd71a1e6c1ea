package io.mailbin.ingest;

import io.mailbin.mail.AttachmentMeta;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.ContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;

/**
 * Read-time views of a stored message's bytes: its headers, bodies and attachments. Nothing of this is
 * stored separately; the raw message is the single source of truth, and parsing it again is cheap next
 * to keeping every body twice.
 */
public final class MessageContent {
    private static final Pattern CID = Pattern.compile("cid:([^\"'\\s)>]+)", Pattern.CASE_INSENSITIVE);

    private final byte[] raw;
    private ParsedMessage parsed;

    public MessageContent(byte[] raw) {
        this.raw = raw;
    }

    private ParsedMessage parsed() {
        if (parsed == null) {
            parsed = new MessageParser().parse(raw);
        }
        return parsed;
    }

    /** The top-level header fields in order. */
    public List<HeaderField> headers() {
        List<HeaderField> fields = new ArrayList<>();
        parse(new AbstractContentHandler() {
            private int blocks;

            @Override
            public void startHeader() {
                blocks++;
            }

            @Override
            public void field(Field f) {
                if (blocks == 1) {
                    fields.add(HeaderBlock.decode(f));
                }
            }
        }, true);
        return fields;
    }

    /** The plain-text body; for an HTML-only message, text rendered from the HTML; empty when there is neither. */
    public String text() {
        ParsedMessage p = parsed();
        if (p.text() != null) {
            return p.text();
        }
        return p.html() != null ? HtmlText.toText(p.html()) : "";
    }

    /** The HTML body as sent, or null. */
    public String html() {
        return parsed().html();
    }

    /**
     * How much larger than the raw message the inlined HTML may grow. Mail is hostile: one small image named
     * thousands of times by {@code cid:} would otherwise expand into gigabytes of data URIs. References past
     * the budget stay {@code cid:} links (the image is still downloadable by its content-id).
     */
    static final int INLINE_BUDGET_FACTOR = 4;

    /** The HTML body with {@code cid:} images inlined as data URIs, so it renders on its own. */
    public String htmlWithInlineImages() {
        String html = html();
        if (html == null || !html.toLowerCase(Locale.ROOT).contains("cid:")) {
            return html;
        }
        Matcher m = CID.matcher(html);
        Set<String> referenced = new HashSet<>();
        while (m.find()) {
            referenced.add(m.group(1));
        }
        // one parse for all references, not one per reference: a message may name one image thousands of times
        List<Attachment> found = attachments(meta -> referenced.stream().anyMatch(id -> matches(meta, id)));
        Map<String, String> dataUris = new HashMap<>();
        long budget = (long) INLINE_BUDGET_FACTOR * raw.length;
        StringBuilder out = new StringBuilder(html.length());
        m.reset();
        while (m.find()) {
            String replacement = best(found, m.group(1))
                    .map(a -> dataUris.computeIfAbsent(m.group(1), id -> "data:" + a.meta().contentType() + ";base64,"
                            + Base64.getEncoder().encodeToString(a.content())))
                    .filter(uri -> uri.length() <= budget - out.length())
                    .orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public List<AttachmentMeta> attachments() {
        return parsed().attachments();
    }

    /** An attachment with its decoded bytes. */
    public record Attachment(AttachmentMeta meta, byte[] content) {}

    /**
     * Finds an attachment by MD5 checksum, content-id or file name, in that order of preference, as the
     * spec's {@code attachmentIdentifier} allows.
     */
    public Optional<Attachment> attachment(String identifier) {
        return best(attachments(meta -> matches(meta, identifier)), identifier);
    }

    private static boolean matches(AttachmentMeta meta, String identifier) {
        return identifier.equalsIgnoreCase(meta.checksum()) || identifier.equals(meta.contentId())
                || identifier.equals(meta.fileName());
    }

    private static Optional<Attachment> best(List<Attachment> found, String identifier) {
        return found.stream().filter(a -> a.meta().checksum().equalsIgnoreCase(identifier)).findFirst()
                .or(() -> found.stream().filter(a -> identifier.equals(a.meta().contentId())).findFirst())
                .or(() -> found.stream().filter(a -> identifier.equals(a.meta().fileName())).findFirst());
    }

    /** The attachments {@code wanted} selects, with their decoded bytes, in one parse. */
    private List<Attachment> attachments(Predicate<AttachmentMeta> wanted) {
        List<Attachment> found = new ArrayList<>();
        parse(new AbstractContentHandler() {
            @Override
            public void body(BodyDescriptor bd, InputStream in) throws IOException {
                SummaryHandler.PartInfo part = SummaryHandler.PartInfo.of(bd);
                if (!part.isAttachment()) {
                    return;
                }
                byte[] content = in.readAllBytes();
                MessageDigest md5 = SummaryHandler.md5();
                String checksum = HexFormat.of().formatHex(md5.digest(content));
                AttachmentMeta meta = new AttachmentMeta(checksum, part.contentId(), part.fileName(), part.mimeType(),
                        content.length, part.transferEncoding(), part.disposition());
                if (wanted.test(meta)) {
                    found.add(new Attachment(meta, content));
                }
            }
        }, false);
        return found;
    }

    private void parse(ContentHandler handler, boolean headerOnly) {
        MimeStreamParser parser = new MimeStreamParser(MimeLimits.CONFIG, DecodeMonitor.SILENT,
                new DefaultBodyDescriptorBuilder());
        parser.setContentDecoding(true);
        parser.setNoRecurse(); // an attached message/rfc822 is one attachment, not parts of this message
        parser.setContentHandler(headerOnly ? new StopAfterHeader(handler, parser) : handler);
        try {
            parser.parse(new ByteArrayInputStream(raw));
        } catch (MimeException | IOException | RuntimeException e) {
            // a broken message yields what could be read before the break
        }
    }

    /** Delegates header events and stops the parser at the end of the top-level header. */
    private static final class StopAfterHeader extends AbstractContentHandler {
        private final ContentHandler delegate;
        private final MimeStreamParser parser;

        StopAfterHeader(ContentHandler delegate, MimeStreamParser parser) {
            this.delegate = delegate;
            this.parser = parser;
        }

        @Override
        public void startHeader() throws MimeException {
            delegate.startHeader();
        }

        @Override
        public void field(Field field) throws MimeException {
            delegate.field(field);
        }

        @Override
        public void endHeader() {
            parser.stop();
        }
    }
}
