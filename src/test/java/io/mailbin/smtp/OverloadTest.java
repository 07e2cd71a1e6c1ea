package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A storm of 2,000 simultaneous clients against a capacity of 4: every client hears 250 or 421 and
 * nothing else, the heap stays flat, every 250 is stored, and the server is immediately usable after.
 */
class OverloadTest {
    static final int CLIENTS = 2000;
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.smtpCapacity(4).smtpQueueTimeout(Duration.ofSeconds(2))
                .smtpMaxConnections(1500).publicMaxMessages(0).storeSync("normal"));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void everyClientGets250Or421AndEvery250IsStored() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();

        Map<String, Integer> outcomes = new ConcurrentHashMap<>(); // token -> final reply code
        Set<String> unexpected = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String token = "storm-" + i;
            clients.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    outcomes.put(token, send(token));
                } catch (Throwable e) {
                    unexpected.add(token + ": " + e);
                }
            }));
        }
        go.countDown();

        // at the height of the storm most clients are queued; measure what that costs
        AtomicLong peakQueued = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            peakQueued.accumulateAndGet((long) server.metric("mailbin_smtp_queue_waiting"), Math::max);
            Thread.sleep(100);
        }
        System.gc();
        long during = memory.getHeapMemoryUsage().getUsed();
        for (Thread t : clients) {
            t.join(Duration.ofSeconds(30));
        }

        assertThat(unexpected).isEmpty();
        assertThat(outcomes).hasSize(CLIENTS);
        assertThat(Set.copyOf(outcomes.values())).isSubsetOf(250, 421);
        assertThat(outcomes.values()).contains(250, 421);
        assertThat(peakQueued.get()).isGreaterThan(500);
        // 1,500 connections held open (server and client side in this JVM) cost less than 150 MB of heap
        assertThat(during - before).isLessThan(150L << 20);

        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) { // the greeting came at once: no queue left
            d.command("EHLO after.test", 250);
            assertThat(d.sendMessage("a@after.test", List.of("after@example.com"), "Subject: after\r\n\r\nok").code())
                    .isEqualTo(250);
        }

        Set<String> acknowledged = new HashSet<>();
        outcomes.forEach((token, code) -> {
            if (code == 250) {
                acknowledged.add(token);
            }
        });
        assertThat(subjects("storm@example.com")).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(server.metric("mailbin_smtp_messages_accepted_total")).isEqualTo(acknowledged.size() + 1);
    }

    /** One client: the final reply code it heard (421 at the greeting or later, or 250 for its message). */
    private static int send(String token) {
        try (SmtpDialog d = new SmtpDialog(server.smtpPort())) {
            SmtpDialog.Reply greeting = d.reply();
            if (greeting.code() != 220) {
                return greeting.code();
            }
            d.command("EHLO storm.test", 250);
            d.command("MAIL FROM:<s@storm.test>", 250);
            d.command("RCPT TO:<storm@example.com>", 250);
            d.send("DATA");
            SmtpDialog.Reply go = d.reply();
            if (go.code() != 354) {
                return go.code();
            }
            d.sendRaw(("Subject: " + token + "\r\n\r\n" + token + "\r\n.\r\n").getBytes());
            int code = d.reply().code();
            d.send("QUIT");
            return code;
        }
    }

    private static Set<String> subjects(String inbox) {
        Set<String> out = new HashSet<>();
        String until = null;
        while (true) {
            JsonNode page = server.json("/api/addresses/" + inbox + "/messages?limit=1000" + (until == null ? "" : "&until=" + until));
            if (page.isEmpty()) {
                return out;
            }
            page.forEach(m -> out.add(m.get("subject").asString()));
            until = page.get(page.size() - 1).get("received").asString();
        }
    }
}
