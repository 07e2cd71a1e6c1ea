package io.mailbin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.mail.AttachmentMeta;
import io.mailbin.mail.Mailbox;
import io.mailbin.mail.MessageSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} implementation must do. Subclasses say how to open (and reopen) a
 * store; the behaviour tested here is the same for SQLite and PostgreSQL.
 */
public abstract class MessageStoreContract {
    private static final AtomicInteger IDS = new AtomicInteger();

    protected Store backend;
    protected MessageStore store;

    /** Opens a fresh, empty store with this retention policy. */
    protected abstract Store open(RetentionPolicy policy);

    /** Closes and reopens the same store, as a restart would. */
    protected abstract Store reopen(Store current);

    protected void use(Store opened) {
        backend = opened;
        store = opened.messages();
    }

    protected static RetentionPolicy noLimits() {
        return new RetentionPolicy(0, Duration.ZERO, 0, Duration.ofHours(1));
    }

    @BeforeEach
    void openStore() {
        use(open(noLimits()));
    }

    @AfterEach
    void closeStore() {
        backend.close();
    }

    protected static MessageSummary summary(String subject) {
        return new MessageSummary(subject, List.of(new Mailbox("from@example.com", "From")),
                List.of(new Mailbox("to@example.com", "")), List.of(), List.of(),
                List.of(new AttachmentMeta("0123456789abcdef0123456789abcdef", "cid1", "a.txt", "text/plain", 3, "base64", "attachment")),
                List.of("https://example.com"), "192.0.2.1", "127.0.0.1", false, null);
    }

    protected static NewMessage copy(String inbox, String original) {
        return new NewMessage("t" + IDS.incrementAndGet() + "-0",
                Route.publicInbox(inbox, original, inbox.substring(inbox.indexOf('@') + 1)), summary("subject " + IDS.get()),
                null, "inbox");
    }

    protected static IncomingMail mail(String raw, NewMessage... copies) {
        return new IncomingMail(raw.getBytes(StandardCharsets.UTF_8), List.of(copies));
    }

    protected StoredMessage saveOne(String inbox) {
        return store.save(mail("Subject: x\r\n\r\nbody of " + inbox + "\r\n", copy(inbox, inbox))).getFirst();
    }

    @Test
    void savedMessagesCanBeFoundListedCountedAndReadRaw() {
        StoredMessage saved = store.save(mail("Subject: hello\r\n\r\nbody\r\n", copy("a@x.test", "a+tag@x.test"))).getFirst();
        StoredMessage found = store.find(saved.id()).orElseThrow();
        assertThat(found).isEqualTo(saved);
        assertThat(found.summary()).isEqualTo(saved.summary());
        assertThat(found.folder()).isEqualTo("inbox");
        assertThat(found.labels()).isEmpty();
        assertThat(found.read()).isFalse();
        assertThat(found.savedBy()).isNull();
        assertThat(store.list(new InboxQuery("a@x.test", null, null, 10))).containsExactly(saved);
        assertThat(store.list(new InboxQuery("a+tag@x.test", null, null, 10))).containsExactly(saved);
        assertThat(store.count("a@x.test", Viewer.ANONYMOUS)).isEqualTo(1);
        assertThat(store.count("a+tag@x.test", Viewer.ANONYMOUS)).isEqualTo(1);
        assertThat(store.count("nobody@x.test", Viewer.ANONYMOUS)).isZero();
        assertThat(new String(store.raw(saved.id()).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("Subject: hello\r\n\r\nbody\r\n");
        assertThat(saved.size()).isEqualTo("Subject: hello\r\n\r\nbody\r\n".length());
    }

    @Test
    void theCommitListenerHearsTheStoredMessagesBeforeSaveReturnsAndCannotUndoTheSave() {
        List<List<StoredMessage>> heard = new ArrayList<>();
        List<StoredMessage> saved = store.save(mail("Subject: heard\r\n\r\nx\r\n", copy("a@x.test", "a@x.test"),
                copy("b@x.test", "b@x.test")), heard::add);
        assertThat(heard).containsExactly(saved);

        List<StoredMessage> kept = store.save(mail("Subject: kept\r\n\r\nx\r\n", copy("a@x.test", "a@x.test")), s -> {
            throw new IllegalStateException("a broken listener");
        });
        assertThat(store.find(kept.getFirst().id())).contains(kept.getFirst());
    }

    @Test
    void saveAsyncCompletesOnlyAfterTheCommitAndTheListenerHeardIt() throws Exception {
        List<List<StoredMessage>> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<java.util.concurrent.CompletableFuture<List<StoredMessage>>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(store.saveAsync(mail("Subject: async " + i + "\r\n\r\nx\r\n", copy("async@x.test", "async@x.test")),
                    heard::add));
        }
        for (var f : futures) {
            List<StoredMessage> saved = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(heard).contains(saved); // told before the future completed
            assertThat(store.find(saved.getFirst().id())).contains(saved.getFirst());
        }
        assertThat(store.count("async@x.test", Viewer.ANONYMOUS)).isEqualTo(50);
    }

    @Test
    void saveAsyncOnAClosedStoreFailsAsSaveWould() {
        backend.close();
        var f = store.saveAsync(mail("Subject: late\r\n\r\nx\r\n", copy("late@x.test", "late@x.test")), s -> { });
        assertThat(f).failsWithin(java.time.Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(io.mailbin.store.StoreUnavailableException.class);
        use(open(noLimits())); // for closeStore
    }

    @Test
    void rawBytesAreKeptExactly() {
        byte[] raw = new byte[256 * 4];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        StoredMessage saved = store.save(new IncomingMail(raw, List.of(copy("bin@x.test", "bin@x.test")))).getFirst();
        assertThat(store.raw(saved.id()).orElseThrow()).isEqualTo(raw);
    }

    @Test
    void unknownIdsAreEmpty() {
        assertThat(store.find("nope")).isEmpty();
        assertThat(store.raw("nope")).isEmpty();
        assertThat(store.delete("nope")).isEmpty();
    }

    @Test
    void oneMailToSeveralInboxesIsOneCopyPerInboxSharingTheRawBytes() {
        List<StoredMessage> saved = store.save(mail("Subject: multi\r\n\r\nx\r\n",
                copy("one@x.test", "one@x.test"), copy("two@y.test", "two@y.test")));
        assertThat(saved).hasSize(2);
        assertThat(store.count("one@x.test", Viewer.ANONYMOUS)).isEqualTo(1);
        assertThat(store.count("two@y.test", Viewer.ANONYMOUS)).isEqualTo(1);
        store.delete(saved.get(0).id());
        assertThat(store.raw(saved.get(1).id())).isPresent(); // still used by the other copy
        store.delete(saved.get(1).id());
        assertThat(store.raw(saved.get(1).id())).isEmpty();
    }

    @Test
    void listsAreNewestFirstAndReceivedIsStrictlyIncreasingPerDomain() {
        List<StoredMessage> saved = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            saved.add(saveOne("burst@x.test"));
        }
        for (int i = 1; i < saved.size(); i++) {
            assertThat(saved.get(i).received()).isAfter(saved.get(i - 1).received());
        }
        List<StoredMessage> listed = store.list(new InboxQuery("burst@x.test", null, null, 1000));
        assertThat(listed).containsExactlyElementsOf(saved.reversed());
    }

    @Test
    void pagingWithUntilNeitherLosesNorRepeatsMailWrittenConcurrently() throws Exception {
        int writers = 8;
        int each = 60;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        saveOne("paged@x.test");
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        }
        Set<String> seen = new HashSet<>();
        Instant until = null;
        Instant previous = Instant.MAX;
        while (true) {
            List<StoredMessage> page = store.list(new InboxQuery("paged@x.test", null, until, 37));
            if (page.isEmpty()) {
                break;
            }
            for (StoredMessage m : page) {
                assertThat(m.received()).isBefore(previous);
                previous = m.received();
                assertThat(seen.add(m.id())).as("repeated " + m.id()).isTrue();
            }
            until = page.getLast().received();
        }
        assertThat(seen).hasSize(writers * each);
    }

    @Test
    void sinceAndUntilAreExclusive() {
        StoredMessage a = saveOne("window@x.test");
        StoredMessage b = saveOne("window@x.test");
        StoredMessage c = saveOne("window@x.test");
        assertThat(store.list(new InboxQuery("window@x.test", a.received(), c.received(), 10))).containsExactly(b);
        assertThat(store.list(new InboxQuery("window@x.test", b.received(), null, 10))).containsExactly(c);
    }

    @Test
    void deleteAllRemovesTheInboxButNotOthers() {
        saveOne("gone@x.test");
        store.save(mail("Subject: t\r\n\r\nx\r\n", copy("gone@x.test", "gone+t@x.test")));
        StoredMessage other = saveOne("kept@x.test");
        assertThat(store.deleteAll("gone@x.test", Viewer.ANONYMOUS)).isEqualTo(2);
        assertThat(store.count("gone@x.test", Viewer.ANONYMOUS)).isZero();
        assertThat(store.find(other.id())).isPresent();
    }

    @Test
    void messagesSurviveARestart() {
        StoredMessage saved = saveOne("durable@x.test");
        use(reopen(backend));
        assertThat(store.find(saved.id())).contains(saved);
        assertThat(store.raw(saved.id())).isPresent();
        StoredMessage next = saveOne("durable@x.test");
        assertThat(next.received()).isAfter(saved.received());
    }

    @Test
    void publicInboxesKeepTheirNewestMessages() {
        backend.close();
        use(open(new RetentionPolicy(3, Duration.ZERO, 0, Duration.ofHours(1))));
        List<StoredMessage> saved = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            saved.add(saveOne("capped@x.test"));
        }
        saveOne("other@x.test");
        assertThat(store.list(new InboxQuery("capped@x.test", null, null, 100)))
                .containsExactly(saved.get(6), saved.get(5), saved.get(4));
        assertThat(store.find(saved.get(0).id())).isEmpty();
        assertThat(store.raw(saved.get(0).id())).isEmpty();
        // a delete through another path must not make the limit over-delete afterwards
        store.delete(saved.get(6).id());
        StoredMessage newest = saveOne("capped@x.test");
        assertThat(store.list(new InboxQuery("capped@x.test", null, null, 100)))
                .containsExactly(newest, saved.get(5), saved.get(4));
    }

    @Test
    void aFullPublicInboxIsTrimmedInBatchesButNeverHoldsMoreThanItsLimit() {
        backend.close();
        use(open(new RetentionPolicy(40, Duration.ZERO, 0, Duration.ofHours(1))));
        List<StoredMessage> saved = new ArrayList<>();
        int least = Integer.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            saved.add(saveOne("busy@x.test"));
            long count = store.count("busy@x.test", Viewer.ANONYMOUS);
            assertThat(count).as("after message %d", i + 1).isLessThanOrEqualTo(40);
            if (i < 40) {
                assertThat(count).as("nothing is removed before the limit").isEqualTo(i + 1);
            } else {
                least = (int) Math.min(least, count);
            }
        }
        // 5% of 40 is 2: once full, the inbox holds 38 to 40 messages, always the newest
        assertThat(least).isEqualTo(38);
        long count = store.count("busy@x.test", Viewer.ANONYMOUS);
        List<StoredMessage> newest = saved.reversed().subList(0, (int) count);
        assertThat(store.list(new InboxQuery("busy@x.test", null, null, 100))).containsExactlyElementsOf(newest);
        assertThat(store.raw(saved.get(0).id())).isEmpty();
    }

    /** Concurrent writers share group commits, so one transaction often carries several messages for one inbox. */
    @Test
    void theLimitHoldsExactlyWhenManyMessagesForOneInboxCommitTogether() throws Exception {
        backend.close();
        use(open(new RetentionPolicy(5, Duration.ZERO, 0, Duration.ofHours(1))));
        List<StoredMessage> saved = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        saved.add(saveOne(i % 5 == 0 ? "side@x.test" : "flood@x.test"));
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        }
        for (String inbox : List.of("flood@x.test", "side@x.test")) {
            List<StoredMessage> newest = saved.stream().filter(m -> m.route().inbox().equals(inbox))
                    .sorted(java.util.Comparator.comparing(StoredMessage::received).reversed()).limit(5).toList();
            assertThat(store.list(new InboxQuery(inbox, null, null, 100))).as(inbox).containsExactlyElementsOf(newest);
            assertThat(store.count(inbox, Viewer.ANONYMOUS)).as(inbox).isEqualTo(5);
        }
        StoredMessage oldest = saved.stream().min(java.util.Comparator.comparing(StoredMessage::received)).orElseThrow();
        assertThat(store.raw(oldest.id())).isEmpty();
    }
}
