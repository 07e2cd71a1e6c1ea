package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that try to hold a connection for free: dripping bytes, sending DATA at a crawl, staying
 * forever, or sending lines no parser should have to hold. Each is cut off with a reply that says why.
 */
class HostileClientTest {
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.smtpIdleTimeout(Duration.ofMillis(800)).smtpSessionTimeout(Duration.ofSeconds(3))
                .smtpMinDataRate(1000).smtpMaxLineLength(1000));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void aCommandDrippedOneByteAtATimeMissesItsDeadline() throws Exception {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            long t0 = System.nanoTime();
            try {
                for (byte b : "EHLO dripping.test\r\n".getBytes(StandardCharsets.US_ASCII)) {
                    d.sendRaw(new byte[] {b});
                    Thread.sleep(150);
                }
            } catch (RuntimeException closed) {
                // the server hung up mid-drip
            }
            assertThat(d.reply().text()).isEqualTo("421 4.4.2 mailbin.test idle too long, closing connection");
            assertThat(millisSince(t0)).isLessThan(2000); // the drip alone would take 3 s
        }
    }

    @Test
    void aClientSilentAfterStartTlsIsToldOverTlsThatItWasIdle() {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO quiet.test", 250).command("STARTTLS", 220);
            d.startTls();
            long t0 = System.nanoTime();
            assertThat(d.reply().text()).isEqualTo("421 4.4.2 mailbin.test idle too long, closing connection");
            assertThat(millisSince(t0)).isBetween(700L, 2000L);
        }
    }

    @Test
    void idleTimeIsCountedPerWaitNotAcrossTheSession() {
        // each wait starts its own deadline, and one that ended on time leaves nothing armed behind it
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO busy.test", 250);
            for (int i = 0; i < 4; i++) {
                d.command("MAIL FROM:<b@busy.test>", 250).command("RCPT TO:<busy@example.com>", 250)
                        .command("DATA", 354).command("Subject: " + i + "\r\n\r\nbody\r\n.", 250);
                sleep(450); // under the 800 ms idle limit each time, 1.8 s in all
            }
            d.command("QUIT", 221);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void dataTrickledBelowTheMinimumRateIsCutOff() throws Exception {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO slow.test", 250).command("MAIL FROM:<s@slow.test>", 250)
                    .command("RCPT TO:<slow@example.com>", 250).command("DATA", 354);
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < 30; i++) {
                    d.sendRaw("x".getBytes(StandardCharsets.US_ASCII));
                    Thread.sleep(100);
                }
            } catch (RuntimeException closed) {
                // cut off
            }
            assertThat(d.reply().text()).contains("421 4.4.2", "data arriving too slowly (under 1000 bytes/s)");
            assertThat(millisSince(t0)).isLessThan(2500);
        }
        assertThat(server.metric("mailbin_smtp_rejections_total{code=\"421\",reason=\"slow_data\"}")).isEqualTo(1);
    }

    @Test
    void aSessionThatNeverEndsIsClosedAtTheSessionTimeout() throws Exception {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            long t0 = System.nanoTime();
            SmtpDialog.Reply last;
            do {
                Thread.sleep(200);
                d.send("NOOP");
                last = d.reply();
            } while (last.code() == 250 && millisSince(t0) < 6000);
            assertThat(last.text()).isEqualTo("421 4.4.2 mailbin.test session time limit (3s) reached, closing connection");
            assertThat(millisSince(t0)).isBetween(2500L, 4500L);
        }
    }

    @Test
    void aLineLongerThanTheLimitIs552AndTheSessionGoesOn() {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO long.test", 250);
            SmtpDialog.Reply r = d.sendMessage("l@long.test", List.of("long@example.com"),
                    "Subject: long\r\n\r\n" + "y".repeat(1001) + "\r\n");
            assertThat(r.text()).isEqualTo("552 5.3.4 Message has a line longer than 1000 bytes");
            assertThat(d.sendMessage("l@long.test", List.of("long@example.com"),
                    "Subject: fits\r\n\r\n" + "y".repeat(1000) + "\r\n").code()).isEqualTo(250);
        }
        assertThat(server.json("/api/addresses/long@example.com/messages").size()).isEqualTo(1);
    }
}
