package io.mailbin.bench;

import io.mailbin.testing.SmtpDialog;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark load (run by bench/pressure.sh, not a test): {@code SESSIONS} concurrent SMTP sessions, each
 * on its own connection reused for several messages, send {@code COUNT} messages of {@code SIZE} bytes in
 * all. A message's latency runs from its MAIL command (for a session's first message: from the connect,
 * so time spent queued before the greeting counts) to the final reply after DATA.
 *
 * <p>Usage: {@code PressureLoad PORT SESSIONS COUNT SIZE}; prints
 * {@code msgs_per_second p50_ms p99_ms accepted refused_421 other_errors}.
 */
public final class PressureLoad {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int sessions = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        byte[] body = body(size);
        AtomicInteger tickets = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(sessions);
        long t0 = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            Thread.ofVirtual().start(() -> {
                long start = System.nanoTime();
                try (SmtpDialog d = new SmtpDialog(port)) {
                    if (d.reply().code() != 220) {
                        refused.incrementAndGet();
                        return;
                    }
                    d.command("EHLO load.bench", 250);
                    while (tickets.getAndIncrement() < count) {
                        d.send("MAIL FROM:<load@bench.test>");
                        int code = d.reply().code();
                        if (code == 250) {
                            d.command("RCPT TO:<load@bench.test>", 250);
                            d.send("DATA");
                            code = d.reply().code();
                            if (code == 354) {
                                d.sendRaw(body);
                                code = d.reply().code();
                            }
                        }
                        latencies.add(System.nanoTime() - start);
                        if (code == 250) {
                            accepted.incrementAndGet();
                        } else if (code == 421) {
                            refused.incrementAndGet();
                            return;
                        } else {
                            errors.incrementAndGet();
                        }
                        start = System.nanoTime();
                    }
                    d.send("QUIT");
                } catch (Throwable e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] ms = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%.0f %.1f %.1f %d %d %d%n", accepted.get() / seconds, pct(ms, 0.50), pct(ms, 0.99),
                accepted.get(), refused.get(), errors.get());
    }

    private static double pct(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(sortedNanos.length * p) - 1)] / 1e6;
    }

    private static byte[] body(int size) {
        StringBuilder b = new StringBuilder("Subject: pressure\r\nFrom: load@bench.test\r\nTo: load@bench.test\r\n\r\n");
        String line = "x".repeat(76) + "\r\n";
        while (b.length() < size) {
            b.append(line);
        }
        b.append(".\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

}
