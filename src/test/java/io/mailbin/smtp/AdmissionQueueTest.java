package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.Swaks;
import io.mailbin.testing.TestMailbin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling is a queue: with a capacity of one, a second client waits in silence with its connection
 * held, gets in as soon as the first is done, and is told 421 only after the queue timeout.
 */
class AdmissionQueueTest {
    static final int QUEUE_MILLIS = 1500;
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.smtpCapacity(1).smtpQueueTimeout(Duration.ofMillis(QUEUE_MILLIS))
                .smtpMaxConnections(2));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @BeforeEach
    void noSessionsLeft() {
        await().atMost(Duration.ofSeconds(5)).until(() -> server.metric("mailbin_smtp_connections") == 0);
    }

    @Test
    void aClientThatCannotBeServedWaitsThenGets421FromSwaks() {
        try (SmtpDialog holder = SmtpDialog.open(server.smtpPort())) {
            long t0 = System.nanoTime();
            Swaks.Result r = Swaks.run(server.smtpPort(), "--to", "queued@example.com");
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.transcript()).contains("<** 421 4.7.0 mailbin.test is busy: no capacity became free within 1500ms");
            assertThat(r.exit()).isNotZero();
            assertThat(waited).isGreaterThanOrEqualTo(QUEUE_MILLIS - 100);
        }
        assertThat(server.metric("mailbin_smtp_rejections_total{code=\"421\",reason=\"queue_timeout\"}")).isGreaterThanOrEqualTo(1);
        assertThat(server.metric("mailbin_smtp_queue_wait_seconds_count")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWaitingClientIsSentNothingAndGetsInWhenCapacityFrees() {
        try (SmtpDialog holder = SmtpDialog.open(server.smtpPort());
             SmtpDialog waiter = new SmtpDialog(server.smtpPort())) {
            assertThat(waiter.silentFor(300)).isTrue();
            await().atMost(Duration.ofSeconds(2)).until(() -> server.metric("mailbin_smtp_queue_waiting") == 1);
            holder.command("QUIT", 221);
            waiter.expect(220);
            waiter.command("EHLO waiter.test", 250);
            assertThat(waiter.sendMessage("w@waiter.test", List.of("waited@example.com"), "Subject: waited\r\n\r\nok").code())
                    .isEqualTo(250);
        }
    }

    @Test
    void aSecondMessageOfASessionQueuesAtData() {
        try (SmtpDialog first = SmtpDialog.open(server.smtpPort())) {
            first.command("EHLO first.test", 250);
            assertThat(first.sendMessage("f@first.test", List.of("first@example.com"), "Subject: one\r\n\r\n1").code())
                    .isEqualTo(250);
            try (SmtpDialog other = SmtpDialog.open(server.smtpPort())) { // takes the permit the first message freed
                first.command("MAIL FROM:<f@first.test>", 250);
                first.command("RCPT TO:<first@example.com>", 250);
                first.send("DATA");
                assertThat(first.silentFor(300)).isTrue();
                other.command("QUIT", 221);
                first.expect(354);
                first.sendRaw("Subject: two\r\n\r\n2\r\n.\r\n".getBytes());
                first.expect(250);
            }
        }
        assertThat(server.json("/api/addresses/first@example.com/messages").size()).isEqualTo(2);
    }

    @Test
    void aSecondMessageThatWaitsTooLongGets421AndTheConnectionCloses() {
        try (SmtpDialog first = SmtpDialog.open(server.smtpPort())) {
            first.command("EHLO first.test", 250);
            first.sendMessage("f@first.test", List.of("late@example.com"), "Subject: one\r\n\r\n1");
            try (SmtpDialog other = SmtpDialog.open(server.smtpPort())) {
                first.command("MAIL FROM:<f@first.test>", 250);
                first.command("RCPT TO:<late@example.com>", 250);
                first.send("DATA");
                assertThat(first.expect(421).text()).contains("4.7.0", "is busy");
                assertThat(first.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void pastMaxConnectionsANewClientGets421AtOnce() {
        try (SmtpDialog holder = SmtpDialog.open(server.smtpPort());
             SmtpDialog waiter = new SmtpDialog(server.smtpPort())) {
            await().atMost(Duration.ofSeconds(2)).until(() -> server.metric("mailbin_smtp_queue_waiting") == 1);
            long t0 = System.nanoTime();
            try (SmtpDialog third = new SmtpDialog(server.smtpPort())) {
                assertThat(third.expect(421).text()).isEqualTo("421 4.7.0 mailbin.test has too many connections (2), try again later");
                assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(QUEUE_MILLIS / 2);
                assertThat(third.closedByServer()).isTrue();
            }
        }
        assertThat(server.metric("mailbin_smtp_rejections_total{code=\"421\",reason=\"too_many_connections\"}")).isEqualTo(1);
    }
}
