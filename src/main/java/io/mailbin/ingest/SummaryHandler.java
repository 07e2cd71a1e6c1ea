package io.mailbin.ingest;

import io.mailbin.mail.AttachmentMeta;
import io.mailbin.mail.Mailbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;

/** Collects a {@link ParsedMessage} from mime4j's parse events. One instance per message. */
final class SummaryHandler extends AbstractContentHandler {
    private int headerBlocks;
    private boolean inTopHeader;

    private String subject;
    private final List<Mailbox> from = new ArrayList<>(1);
    private final List<Mailbox> to = new ArrayList<>(2);
    private final List<Mailbox> cc = new ArrayList<>(0);
    private final List<Mailbox> bcc = new ArrayList<>(0);
    private Instant date;
    private String messageId;
    private StringBuilder text;
    private StringBuilder html;
    private final List<AttachmentMeta> attachments = new ArrayList<>(0);
    private final List<Field> topFields = new ArrayList<>(16);

    @Override
    public void startHeader() {
        headerBlocks++;
        inTopHeader = headerBlocks == 1;
    }

    @Override
    public void endHeader() {
        inTopHeader = false;
    }

    @Override
    public void field(Field raw) {
        if (!inTopHeader) {
            return;
        }
        topFields.add(raw);
        switch (raw.getName().toLowerCase(Locale.ROOT)) {
            case "subject" -> subject = Headers.decode(raw.getBody());
            case "from" -> addMailboxes(raw, from);
            case "to" -> addMailboxes(raw, to);
            case "cc" -> addMailboxes(raw, cc);
            case "bcc" -> addMailboxes(raw, bcc);
            case "message-id" -> messageId = raw.getBody().trim();
            case "date" -> {
                date = RfcDate.parse(raw.getBody());
                if (date == null) { // an unusual form: mime4j's lenient parser tries harder, and costs more
                    ParsedField f = LenientFieldParser.getParser().parse(raw, DecodeMonitor.SILENT);
                    if (f instanceof DateTimeField d && d.getDate() != null) {
                        date = d.getDate().toInstant();
                    }
                }
            }
            default -> { }
        }
    }

    private static void addMailboxes(Field raw, List<Mailbox> into) {
        ParsedField f = LenientFieldParser.getParser().parse(raw, DecodeMonitor.SILENT);
        if (f instanceof MailboxListField m && m.getMailboxList() != null) {
            m.getMailboxList().forEach(b -> into.add(new Mailbox(b.getAddress(), b.getName())));
        } else if (f instanceof AddressListField a && a.getAddressList() != null) {
            addAll(a.getAddressList(), into);
        }
    }

    private static void addAll(AddressList list, List<Mailbox> into) {
        for (Address address : list) {
            if (address instanceof org.apache.james.mime4j.dom.address.Mailbox b) {
                into.add(new Mailbox(b.getAddress(), b.getName()));
            } else if (address instanceof Group g) {
                g.getMailboxes().forEach(b -> into.add(new Mailbox(b.getAddress(), b.getName())));
            }
        }
    }

    @Override
    public void body(BodyDescriptor bd, InputStream in) throws IOException {
        PartInfo part = PartInfo.of(bd);
        if (part.isAttachment()) {
            attachments.add(hash(part, in));
        } else if (part.mimeType().equals("text/html")) {
            html = append(html, readText(in, bd.getCharset()));
        } else {
            text = append(text, readText(in, bd.getCharset()));
        }
    }

    private static StringBuilder append(StringBuilder into, String more) {
        if (into == null) {
            return new StringBuilder(more);
        }
        return into.append('\n').append(more);
    }

    static String readText(InputStream in, String charsetName) throws IOException {
        return new String(in.readAllBytes(), charset(charsetName));
    }

    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.US_ASCII;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8; // unknown or misspelt charsets: UTF-8 is the most likely truth
        }
    }

    private static AttachmentMeta hash(PartInfo part, InputStream in) throws IOException {
        MessageDigest md5 = md5();
        byte[] buf = new byte[8192];
        long length = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md5.update(buf, 0, n);
            length += n;
        }
        return new AttachmentMeta(HexFormat.of().formatHex(md5.digest()), part.contentId(), part.fileName(),
                part.mimeType(), length, part.transferEncoding(), part.disposition());
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships MD5", e);
        }
    }

    ParsedMessage result(String parseError) {
        String t = text == null ? null : text.toString();
        String h = html == null ? null : html.toString();
        return new ParsedMessage(subject, from, to, cc, bcc, date, messageId, t, h, attachments,
                LinkExtractor.extract(t, h), parseError, new HeaderBlock(topFields));
    }

    /** What decides whether a MIME part is a body or an attachment, read from its descriptor. */
    record PartInfo(String mimeType, String disposition, String fileName, String contentId, String transferEncoding) {
        static PartInfo of(BodyDescriptor bd) {
            String disposition = null;
            String fileName = null;
            String contentId = null;
            if (bd instanceof MaximalBodyDescriptor m) {
                disposition = m.getContentDispositionType();
                fileName = m.getContentDispositionFilename();
                if (fileName == null) {
                    fileName = m.getContentTypeParameters().get("name");
                }
                contentId = stripAngles(m.getContentId());
            }
            if (fileName != null && fileName.contains("=?")) {
                fileName = DecoderUtil.decodeEncodedWords(fileName, DecodeMonitor.SILENT);
            }
            return new PartInfo(bd.getMimeType().toLowerCase(Locale.ROOT),
                    disposition == null ? null : disposition.toLowerCase(Locale.ROOT),
                    fileName, contentId, bd.getTransferEncoding());
        }

        /** Mailsac (like mailparser) treats named parts, attachment dispositions and non-text parts as attachments. */
        boolean isAttachment() {
            boolean body = mimeType.equals("text/plain") || mimeType.equals("text/html");
            return !body || "attachment".equals(disposition) || fileName != null;
        }

        private static String stripAngles(String id) {
            if (id == null) {
                return null;
            }
            String t = id.trim();
            return t.startsWith("<") && t.endsWith(">") ? t.substring(1, t.length() - 1) : t;
        }
    }
}
