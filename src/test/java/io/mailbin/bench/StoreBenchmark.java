package io.mailbin.bench;

import io.mailbin.mail.Mailbox;
import io.mailbin.mail.MessageSummary;
import io.mailbin.store.IncomingMail;
import io.mailbin.store.NewMessage;
import io.mailbin.store.RetentionPolicy;
import io.mailbin.store.Route;
import io.mailbin.store.StoreSettings;
import io.mailbin.store.sqlite.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the store's write path alone (not a test): SENDERS threads each save 2 KB messages to
 * one public inbox, as SMTP sessions do, so the writer groups what they queue into commits. Prints
 * the rate, the writer thread's CPU per message, and the mean commit size, for the same store
 * settings the server uses (durable commits, retention at PUBLIC_MAX newest per inbox).
 *
 * <p>Usage: {@code StoreBenchmark SENDERS MESSAGES [PUBLIC_MAX [full|normal]]}, e.g. 10 50000 1000 full.
 * The first half of the messages warms up and is not counted.
 */
public final class StoreBenchmark {
    public static void main(String[] args) throws Exception {
        int senders = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        int publicMax = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        StoreSettings.Sync sync = StoreSettings.Sync.parse(args.length > 3 ? args[3] : "full");
        Path dir = Files.createTempDirectory("mailbin-storebench");
        byte[] raw = ("Received: from bench.local ([127.0.0.1])\r\nFrom: sender@bench.test\r\nTo: rcpt@bench.test\r\n"
                + "Subject: bench message\r\n\r\n" + "0123456789abcdefghijklmnopqrstuvwxyz".repeat(57) + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        MessageSummary summary = new MessageSummary("bench message", List.of(new Mailbox("sender@bench.test", "")),
                List.of(new Mailbox("rcpt@bench.test", "")), List.of(), List.of(), List.of(), List.of(),
                "127.0.0.1", "127.0.0.1", false, null);
        Route route = Route.publicInbox("rcpt@bench.test", "rcpt@bench.test", "bench.test");
        try (SqliteStore store = SqliteStore.open(new StoreSettings(dir, sync, 2),
                new RetentionPolicy(publicMax, Duration.ZERO, 0, Duration.ofHours(1)))) {
            AtomicLong commits = new AtomicLong();
            AtomicLong tasks = new AtomicLong();
            store.observeCommits((nanos, n) -> {
                commits.incrementAndGet();
                tasks.addAndGet(n);
            });
            run(store, senders, messages / 2, raw, summary, route); // warm-up
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long writer = writerThreadId();
            long cpu0 = threads.getThreadCpuTime(writer);
            long c0 = commits.get();
            long t0 = tasks.get();
            long start = System.nanoTime();
            run(store, senders, messages / 2, raw, summary, route);
            long elapsed = System.nanoTime() - start;
            long cpu = threads.getThreadCpuTime(writer) - cpu0;
            int n = messages / 2;
            System.out.printf("%d senders, sync %s, public max %d: %.0f msgs/s, writer CPU %.1f us/msg, %.2f msgs/commit%n",
                    senders, sync, publicMax, n / (elapsed / 1e9), cpu / 1e3 / n,
                    (tasks.get() - t0) / (double) Math.max(1, commits.get() - c0));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    private static void run(SqliteStore store, int senders, int count, byte[] raw, MessageSummary summary, Route route)
            throws InterruptedException {
        AtomicInteger left = new AtomicInteger(count);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            running.add(Thread.ofVirtual().start(() -> {
                while (left.getAndDecrement() > 0) {
                    String id = Long.toString(System.currentTimeMillis(), 36) + "x" + IDS.incrementAndGet() + "-0";
                    store.messages().save(new IncomingMail(raw, List.of(new NewMessage(id, route, summary, 0.1, "inbox"))));
                }
            }));
        }
        for (Thread t : running) {
            t.join();
        }
    }

    private static long writerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("store-writer"))
                .findFirst().orElseThrow().threadId();
    }
}
