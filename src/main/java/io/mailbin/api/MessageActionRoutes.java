package io.mailbin.api;

import io.mailbin.api.json.MessageView;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.Caller;
import io.mailbin.ingest.SpamFilter;
import io.mailbin.store.Flags;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** What readers do to a message: star it, label it, file it in a folder, mark it read. */
final class MessageActionRoutes {
    static final Set<String> FOLDERS = Set.of("inbox", "all", "spam", "trash");
    static final int MAX_LABELS = 50;
    static final int MAX_LABEL_LENGTH = 100;

    private final MessageStore store;
    private final MessageLookup lookup;
    private final SpamFilter spam;

    MessageActionRoutes(MessageStore store, MessageLookup lookup, SpamFilter spam) {
        this.store = store;
        this.lookup = lookup;
        this.spam = spam;
    }

    void register(RoutesConfig routes) {
        routes.put("/api/addresses/{email}/messages/{messageId}/star", this::star);
        routes.put("/api/addresses/{email}/messages/{messageId}/labels/{label}", ctx -> label(ctx, true));
        routes.delete("/api/addresses/{email}/messages/{messageId}/labels/{label}", ctx -> label(ctx, false));
        routes.put("/api/addresses/{email}/messages/{messageId}/folder/{folder}", this::folder);
        routes.put("/api/addresses/{email}/messages/{messageId}/read/{readBoolean}", this::read);
    }

    /**
     * Toggles the star. Starring keeps a message from eviction and makes it the starring account's
     * alone (the spec's {@code savedBy}); unstarring gives a public message back to its public inbox.
     */
    private void star(Context ctx) {
        Caller caller = Auth.caller(ctx);
        StoredMessage m = lookup.find(ctx);
        String account = caller.id() != null ? caller.id() : m.owner();
        if (account == null) {
            throw new ApiException(401, "Starring saves a message for an account: send an API key");
        }
        StoredMessage changed = change(m, f -> f.withSavedBy(account.equals(f.savedBy()) ? null : account));
        ctx.json(MessageView.of(changed));
    }

    private void label(Context ctx, boolean add) {
        String label = ctx.pathParam("label").trim();
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            throw ApiException.badRequest("a label is 1 to " + MAX_LABEL_LENGTH + " characters");
        }
        StoredMessage changed = change(lookup.find(ctx), f -> {
            List<String> labels = new ArrayList<>(f.labels());
            if (add && !labels.contains(label)) {
                if (labels.size() >= MAX_LABELS) {
                    throw ApiException.badRequest("a message has at most " + MAX_LABELS + " labels");
                }
                labels.add(label);
            } else if (!add) {
                labels.remove(label);
            }
            return f.withLabels(labels);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_id", changed.id());
        body.put("labels", changed.labels());
        ctx.json(body);
    }

    private void folder(Context ctx) {
        String folder = ctx.pathParam("folder");
        if (!FOLDERS.contains(folder)) {
            throw ApiException.badRequest("folder must be one of inbox, all, spam, trash; got '" + folder + "'");
        }
        StoredMessage before = lookup.find(ctx);
        StoredMessage changed = change(before, f -> f.withFolder(folder));
        teach(ctx, before, folder);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_id", changed.id());
        body.put("folder", changed.folder());
        ctx.json(body);
    }

    /**
     * Filing a message into spam teaches the filter it is spam; taking it out of spam into the inbox
     * teaches it is not. The lesson goes to the caller's model (per-account learning) or the global one.
     */
    private void teach(Context ctx, StoredMessage before, String folder) {
        boolean intoSpam = folder.equals("spam") && !before.folder().equals("spam");
        boolean outOfSpam = before.folder().equals("spam") && (folder.equals("inbox") || folder.equals("all"));
        if (intoSpam || outOfSpam) {
            String scope = Auth.caller(ctx).id() != null ? Auth.caller(ctx).id() : before.owner();
            lookup.rawIfPresent(before).ifPresent(raw -> spam.learn(before.id(), scope, raw, intoSpam));
        }
    }

    private void read(Context ctx) {
        boolean read = switch (ctx.pathParam("readBoolean")) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("read must be true or false, got '" + ctx.pathParam("readBoolean") + "'");
        };
        StoredMessage changed = change(lookup.find(ctx), f -> f.withRead(read));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_id", changed.id());
        body.put("read", changed.read());
        ctx.json(body);
    }

    private StoredMessage change(StoredMessage m, UnaryOperator<Flags> change) {
        return store.update(m.id(), change).orElseThrow(() -> ApiException.notFound("Message not found: " + m.id() + " was deleted"));
    }
}
