package io.mailbin.mail;

import java.util.List;

/**
 * The facts about a message that never change after it is received: what the headers say, what it
 * carries, and where it came from. Stored once with the message and served in every listing.
 *
 * @param ip         the client that delivered it
 * @param via        the address of ours it was delivered to
 * @param rtls       whether it arrived over TLS
 * @param parseError why the MIME structure could not be fully read, or null
 */
public record MessageSummary(
        String subject,
        List<Mailbox> from,
        List<Mailbox> to,
        List<Mailbox> cc,
        List<Mailbox> bcc,
        List<AttachmentMeta> attachments,
        List<String> links,
        String ip,
        String via,
        boolean rtls,
        String parseError) {

    public MessageSummary {
        subject = subject == null ? "" : subject;
        from = from == null ? List.of() : List.copyOf(from);
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        links = links == null ? List.of() : List.copyOf(links);
    }
}
