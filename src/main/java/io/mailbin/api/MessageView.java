package io.mailbin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mailbin.mail.AttachmentMeta;
import io.mailbin.mail.Mailbox;
import io.mailbin.mail.MessageSummary;
import io.mailbin.store.StoredMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A message as the Mailsac API shows it (the spec's {@code EmailMessage}). {@code parseError} is our
 * extension, present only when the MIME structure could not be fully read.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record MessageView(
        @JsonProperty("_id") String id,
        List<Mailbox> from,
        List<Mailbox> to,
        List<Mailbox> cc,
        List<Mailbox> bcc,
        String subject,
        String savedBy,
        String originalInbox,
        String inbox,
        String domain,
        String received,
        int size,
        List<String> attachments,
        String ip,
        String via,
        String folder,
        List<String> labels,
        boolean read,
        boolean rtls,
        List<String> links,
        Double spam,
        @JsonInclude(JsonInclude.Include.NON_NULL) String parseError) {

    /** Milliseconds always printed, so clients that pass {@code received} back as {@code until} round-trip it exactly. */
    static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static MessageView of(StoredMessage m) {
        MessageSummary s = m.summary();
        return new MessageView(m.id(), s.from(), s.to(), s.cc(), s.bcc(), s.subject(), m.savedBy(),
                m.originalInbox(), m.inbox(), m.domain(), iso(m.received()), m.size(),
                s.attachments().stream().map(AttachmentMeta::checksum).toList(), s.ip(), s.via(), m.folder(),
                m.labels(), m.read(), s.rtls(), s.links(), m.spam(), s.parseError());
    }

    static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
