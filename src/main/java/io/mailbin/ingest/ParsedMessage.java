package io.mailbin.ingest;

import io.mailbin.mail.AttachmentMeta;
import io.mailbin.mail.Mailbox;
import java.time.Instant;
import java.util.List;

/**
 * What ingest learns from a message's bytes. Parsing never fails: a message mime4j cannot read still
 * yields whatever was understood, with {@link #parseError} saying what went wrong.
 *
 * @param text  the plain-text body, or null when the message has none
 * @param html  the HTML body, or null when the message has none
 * @param date  the Date header, or null when missing or unreadable
 * @param headers the top-level header block, decoded on demand
 */
public record ParsedMessage(
        String subject,
        List<Mailbox> from,
        List<Mailbox> to,
        List<Mailbox> cc,
        List<Mailbox> bcc,
        Instant date,
        String messageId,
        String text,
        String html,
        List<AttachmentMeta> attachments,
        List<String> links,
        String parseError,
        HeaderBlock headers) {

    public ParsedMessage {
        subject = subject == null ? "" : subject;
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        attachments = List.copyOf(attachments);
        links = List.copyOf(links);
    }
}
