package io.mailbin.ingest;

import io.mailbin.mail.MessageSummary;
import io.mailbin.store.IncomingMail;
import io.mailbin.store.MessageStore;
import io.mailbin.store.NewMessage;
import io.mailbin.store.Route;
import io.mailbin.store.StoredMessage;
import io.mailbin.account.Directory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The ingest pipeline for one accepted message: parse → route → score → store → publish. It returns only once
 * the store has committed every copy, so the SMTP layer may answer 250 as soon as it returns.
 */
public final class Ingest {
    private final MessageParser parser;
    private final Router router;
    private final MessageStore store;
    private final MailEvents events;
    private final SpamFilter spam;
    private final Directory directory;

    public Ingest(MessageParser parser, Router router, SpamFilter spam, Directory directory, MessageStore store,
                  MailEvents events) {
        this.parser = parser;
        this.router = router;
        this.spam = spam;
        this.directory = directory;
        this.store = store;
        this.events = events;
    }

    /**
     * @throws io.mailbin.store.StoreUnavailableException when the message could not be stored; the sender
     *         must be told to retry
     */
    public Receipt accept(Envelope envelope, byte[] raw) {
        Prepared p = prepare(envelope, raw);
        return new Receipt(envelope.transactionId(), store.save(p.mail(), p.onCommit()));
    }

    /**
     * As {@link #accept}, for a caller that must not block: parses, routes and scores on the calling
     * thread, then completes once the store has committed (on the store's thread), or fails as
     * {@code accept} would throw.
     */
    public CompletableFuture<Receipt> acceptAsync(Envelope envelope, byte[] raw) {
        Prepared p;
        try {
            p = prepare(envelope, raw);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.saveAsync(p.mail(), p.onCommit()).thenApply(stored -> new Receipt(envelope.transactionId(), stored));
    }

    /** The mail to store and what to publish once it is committed. */
    private record Prepared(IncomingMail mail, Consumer<List<StoredMessage>> onCommit) {}

    private Prepared prepare(Envelope envelope, byte[] raw) {
        ParsedMessage parsed = parser.parse(raw);
        MessageSummary summary = new MessageSummary(parsed.subject(), parsed.from(), parsed.to(), parsed.cc(),
                parsed.bcc(), parsed.attachments(), parsed.links(), envelope.remoteIp(), envelope.localIp(),
                envelope.tls(), parsed.parseError());
        List<Route> routes = router.route(envelope.recipients());
        List<NewMessage> copies = new ArrayList<>(routes.size());
        Map<String, SpamFilter.Score> scores = new HashMap<>(2); // one score per owner: usually one in all
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            SpamFilter.Score score = scores.computeIfAbsent(String.valueOf(route.owner()),
                    k -> spam.score(raw, route.owner(), directory.spamFilterOff(route.owner())));
            copies.add(new NewMessage(MessageIds.messageId(envelope.transactionId(), i), route, summary,
                    score == null ? null : score.spamminess(), score != null && score.spam() ? "spam" : "inbox"));
        }
        // Published from the commit itself, before the 250: listeners see a whole group commit at once.
        return new Prepared(new IncomingMail(raw, copies), committed -> events.publish(new NewMail(committed, raw, parsed)));
    }

    /**
     * To be called once the sender has been told its message was accepted: listeners then do the work
     * they put off so as not to delay that answer (see {@link MailListener#afterReply}).
     */
    public void afterReply() {
        events.afterReply();
    }
}
