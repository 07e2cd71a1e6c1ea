package io.mailbin.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.MailbinProcess;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A 250 means the mail is on disk: it survives kill -9, and SIGTERM lets a transaction in progress finish. */
class CrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesKillDashNine() throws Exception {
        Path data = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        MailbinProcess first = MailbinProcess.start(data, "--public-max-messages", "0");
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch someSent = new CountDownLatch(50);
        List<Thread> senders = new java.util.ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int sender = s;
            senders.add(Thread.ofPlatform().start(() -> {
                try (SmtpDialog d = SmtpDialog.open(first.smtpPort())) {
                    d.command("EHLO crash.test", 250);
                    for (int i = 0; !stop.get(); i++) {
                        String token = "crash-" + sender + "-" + i;
                        SmtpDialog.Reply r = d.sendMessage("s@crash.test", List.of("crash" + sender + "@example.com"),
                                "Subject: " + token + "\r\n\r\n" + token + "\r\n");
                        if (r.code() == 250) {
                            acknowledged.add(token);
                            someSent.countDown();
                        }
                    }
                } catch (AssertionError | RuntimeException e) {
                    // the server died mid-conversation: expected
                }
            }));
        }
        someSent.await();
        Thread.sleep(300);
        first.kill();
        stop.set(true);
        for (Thread t : senders) {
            t.join();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);

        try (MailbinProcess second = MailbinProcess.start(data, "--public-max-messages", "0")) {
            Set<String> stored = new HashSet<>();
            for (int s = 0; s < 4; s++) {
                stored.addAll(subjects(second.httpPort(), "crash" + s + "@example.com"));
            }
            assertThat(stored).containsAll(acknowledged);
        }
    }

    @Test
    void sigtermLetsATransactionInProgressFinish() throws Exception {
        Path data = dir.resolve("graceful");
        MailbinProcess server = MailbinProcess.start(data, "--shutdown-grace", "20s");
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO graceful.test", 250);
            d.command("MAIL FROM:<s@graceful.test>", 250);
            d.command("RCPT TO:<graceful@example.com>", 250);
            d.command("DATA", 354);
            d.sendRaw("Subject: in flight\r\n\r\nfirst half\r\n".getBytes());
            Thread stopper = Thread.ofPlatform().start(server::terminate);
            Thread.sleep(500); // shutdown has begun and is waiting for this transaction
            d.sendRaw("second half\r\n.\r\n".getBytes());
            SmtpDialog.Reply accepted = d.reply();
            assertThat(accepted.code()).as(server.logText()).isEqualTo(250);
            assertThat(d.expect(421).text()).contains("4.3.2", "shutting down");
            stopper.join();
        }
        try (MailbinProcess again = MailbinProcess.start(data)) {
            assertThat(subjects(again.httpPort(), "graceful@example.com")).containsExactly("in flight");
        }
    }

    private static Set<String> subjects(int httpPort, String inbox) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Set<String> out = new HashSet<>();
        String until = null;
        while (true) {
            String url = "http://127.0.0.1:" + httpPort + "/api/addresses/" + inbox + "/messages?limit=1000"
                    + (until == null ? "" : "&until=" + until);
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode page = TestMailbin.JSON.readTree(r.body());
            if (page.isEmpty()) {
                return out;
            }
            page.forEach(m -> out.add(m.get("subject").asString()));
            until = page.get(page.size() - 1).get("received").asString();
        }
    }
}
