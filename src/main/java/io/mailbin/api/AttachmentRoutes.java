package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.ingest.MessageContent;
import io.mailbin.mail.AttachmentMeta;
import io.mailbin.store.StoredMessage;

/** The spec's Attachments endpoints for one message: list the metadata, download by MD5, content-id or file name. */
final class AttachmentRoutes {
    private final MessageLookup lookup;

    AttachmentRoutes(MessageLookup lookup) {
        this.lookup = lookup;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/addresses/{email}/messages/{messageId}/attachments", this::list);
        routes.get("/api/addresses/{email}/messages/{messageId}/attachments/{attachmentIdentifier}", this::download);
    }

    private void list(Context ctx) {
        ctx.json(lookup.find(ctx).summary().attachments());
    }

    private void download(Context ctx) {
        StoredMessage m = lookup.find(ctx);
        String identifier = ctx.pathParam("attachmentIdentifier");
        MessageContent.Attachment a = new MessageContent(lookup.raw(m)).attachment(identifier)
                .orElseThrow(() -> ApiException.notFound("Attachment not found: no attachment '" + identifier
                        + "' in message " + m.id()));
        AttachmentMeta meta = a.meta();
        HostileContent.mark(ctx);
        HostileContent.attachment(ctx, meta.fileName() != null ? meta.fileName() : meta.checksum());
        ctx.contentType("application/octet-stream").result(a.content());
    }
}
