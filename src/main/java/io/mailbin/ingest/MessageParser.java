package io.mailbin.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a raw message once, streaming, into the fields Mailbin stores and serves. Text and HTML bodies
 * are decoded; attachments are hashed and measured on the fly and never held in memory.
 */
public final class MessageParser {
    private static final Logger log = LoggerFactory.getLogger(MessageParser.class);

    /** Never throws: a message that cannot be parsed is still stored raw, with the error recorded. */
    public ParsedMessage parse(byte[] raw) {
        SummaryHandler handler = new SummaryHandler();
        String error = null;
        try {
            MimeStreamParser parser = new MimeStreamParser(
                    MimeLimits.CONFIG, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
            parser.setContentDecoding(true);
            parser.setNoRecurse(); // an attached message/rfc822 is one attachment, not parts of this message
            parser.setContentHandler(handler);
            parser.parse(new ByteArrayInputStream(raw));
        } catch (MimeException | IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.debug("message could not be fully parsed: {}", error);
        }
        return handler.result(error);
    }
}
