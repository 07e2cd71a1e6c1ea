package io.mailbin.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mailbin.mail.AttachmentMeta;
import io.mailbin.mail.Mailbox;
import io.mailbin.mail.MessageSummary;
import io.mailbin.store.ForwardingTarget;
import io.mailbin.store.StoredMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A message as the Mailsac API shows it (the spec's {@code EmailMessage}), in listings, webhooks and
 * web-socket frames alike. Our extensions appear only
 * when they say something: {@code parseError} when the MIME structure could not be fully read, and,
 * in a single message's metadata, {@code route} (how it was routed and which forwarding it fires).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessageView(
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String parseError,
        @JsonInclude(JsonInclude.Include.NON_NULL) RouteView route) {

    /**
     * How a message was routed. {@code targets} are listed only to the inbox's owner: they hold the
     * owner's webhook URLs.
     */
    public record RouteView(String kind, boolean isPrivate, String owner, List<ForwardingTarget> targets) {}

    /** Milliseconds always printed, so clients that pass {@code received} back as {@code until} round-trip it exactly. */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static MessageView of(StoredMessage m) {
        return build(m, null);
    }

    public static MessageView withRoute(StoredMessage m, boolean ownerAsking) {
        var r = m.route();
        return build(m, new RouteView(r.kind(), r.isPrivate(), r.owner(), ownerAsking ? r.targets() : null));
    }

    private static MessageView build(StoredMessage m, RouteView route) {
        MessageSummary s = m.summary();
        return new MessageView(m.id(), s.from(), s.to(), s.cc(), s.bcc(), s.subject(), m.savedBy(),
                m.originalInbox(), m.inbox(), m.domain(), iso(m.received()), m.size(),
                s.attachments().stream().map(AttachmentMeta::checksum).toList(), s.ip(), s.via(), m.folder(),
                m.labels(), m.read(), s.rtls(), s.links(), m.spam(), s.parseError(), route);
    }

    public static String iso(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
