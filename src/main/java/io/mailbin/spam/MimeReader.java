package io.mailbin.spam;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Walks a raw RFC 822 message with mime4j's streaming parser: top-level headers, then every leaf
 * part, decoding quoted-printable and base64 text. Binary parts are never read, only described.
 */
final class MimeReader {
    /** Header values beyond this are cut: no legitimate field needs more to be recognised. */
    private static final int MAX_HEADER_CHARS = 4_000;
    private static final Pattern FILENAME =
            Pattern.compile("(?:file)?name\\*?=\\s*\"?([^\";]+)", Pattern.CASE_INSENSITIVE);

    private static final MimeConfig CONFIG = new MimeConfig.Builder()
            .setMaxLineLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxHeaderLen(-1)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();

    private final TokenizerLimits limits;

    MimeReader(TokenizerLimits limits) {
        this.limits = limits;
    }

    ParsedMessage read(byte[] raw) {
        int start = mboxFromLineEnd(raw);
        int length = Math.min(raw.length - start, limits.maxMessageBytes());
        var collector = new Collector();
        var parser = new MimeStreamParser(CONFIG);
        parser.setContentDecoding(true);
        parser.setContentHandler(collector);
        try {
            parser.parse(new ByteSource(raw, start, length));
        } catch (MimeException | IOException | RuntimeException e) {
            // A malformed or truncated tail is normal in spam: keep what was read before it.
        }
        return new ParsedMessage(List.copyOf(collector.headers), List.copyOf(collector.parts));
    }

    /** Messages from mbox files start with a "From " envelope line that is not part of the message. */
    private static int mboxFromLineEnd(byte[] raw) {
        if (raw.length < 5 || raw[0] != 'F' || raw[1] != 'r' || raw[2] != 'o' || raw[3] != 'm' || raw[4] != ' ') {
            return 0;
        }
        for (int i = 5; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    static Header header(Field field) {
        String line = Charsets.decodeHeaderBytes(field.getRaw().toByteArray());
        int colon = line.indexOf(':');
        String name = (colon < 0 ? field.getName() : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.length() > MAX_HEADER_CHARS) {
            value = value.substring(0, MAX_HEADER_CHARS);
        }
        value = unfold(value);
        if (value.contains("=?")) {
            try {
                value = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
            } catch (RuntimeException e) {
                // keep the undecoded value: its raw encoded words still say something
            }
        }
        return new Header(name, value);
    }

    /** Joins folded header lines: each line break with the white space around it becomes one space. */
    static String unfold(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value.strip();
        }
        var unfolded = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                pendingSpace = true;
                while (unfolded.length() > 0 && (unfolded.charAt(unfolded.length() - 1) == ' ' || unfolded.charAt(unfolded.length() - 1) == '\t')) {
                    unfolded.setLength(unfolded.length() - 1);
                }
                while (i + 1 < value.length() && (value.charAt(i + 1) == ' ' || value.charAt(i + 1) == '\t')) {
                    i++;
                }
            } else {
                if (pendingSpace && unfolded.length() > 0) {
                    unfolded.append(' ');
                }
                pendingSpace = false;
                unfolded.append(c);
            }
        }
        return unfolded.toString().strip();
    }

    private final class Collector extends AbstractContentHandler {
        final List<Header> headers = new ArrayList<>();
        final List<MessagePart> parts = new ArrayList<>();
        private List<Header> partHeaders = new ArrayList<>();
        private int messageDepth;
        private int bodyPartDepth;

        @Override
        public void startMessage() {
            messageDepth++;
        }

        @Override
        public void endMessage() {
            messageDepth--;
        }

        @Override
        public void startBodyPart() {
            bodyPartDepth++;
        }

        @Override
        public void endBodyPart() {
            bodyPartDepth--;
        }

        @Override
        public void startHeader() {
            partHeaders = new ArrayList<>();
        }

        @Override
        public void field(Field field) {
            Header header = header(field);
            partHeaders.add(header);
            if (messageDepth == 1 && bodyPartDepth == 0) {
                headers.add(header);
            }
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream stream) throws IOException {
            String mimeType = lower(descriptor.getMimeType());
            String charset = lower(descriptor.getCharset());
            String text = "";
            if (mimeType.startsWith("text/")) {
                byte[] bytes = stream.readNBytes(limits.maxPartChars());
                text = Charsets.decodeBody(bytes, charset);
            }
            parts.add(new MessagePart(mimeType, charset, lower(descriptor.getTransferEncoding()), filename(), text));
        }

        private String filename() {
            for (Header header : partHeaders) {
                if (header.name().equals("content-disposition") || header.name().equals("content-type")) {
                    Matcher matcher = FILENAME.matcher(header.value());
                    if (matcher.find()) {
                        return matcher.group(1).trim().toLowerCase(Locale.ROOT);
                    }
                }
            }
            return "";
        }

        private static String lower(String value) {
            return value == null ? "" : value.toLowerCase(Locale.ROOT);
        }
    }
}
