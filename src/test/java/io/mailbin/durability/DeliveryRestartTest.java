package io.mailbin.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailbin.cli.MailbinCommand;
import io.mailbin.testing.HookReceiver;
import io.mailbin.testing.MailbinProcess;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The outbox survives a crash: with the webhook receiver down, mail is acknowledged, Mailbin is killed
 * with -9, then both come back; every webhook is delivered.
 */
class DeliveryRestartTest {
    @TempDir
    Path dir;

    @Test
    void everyWebhookIsDeliveredAfterKillDashNineAndRestart() throws Exception {
        Path data = dir.resolve("data");
        String key = createAccount(data, "survivor");
        HookReceiver receiver = HookReceiver.start();
        String hook = receiver.url("/after-restart");
        int hookPort = URI.create(hook).getPort();
        receiver.close(); // the receiver is down while mail arrives

        String[] flags = {"--allow-private-webhooks", "--delivery-retry-base", "200ms"};
        MailbinProcess first = MailbinProcess.start(data, flags);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> reserved = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.httpPort()
                        + "/api/addresses/durable@hooks.test")).header("Mailsac-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"webhook\":\"" + hook + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(200);
        try (SmtpDialog d = SmtpDialog.open(first.smtpPort())) {
            d.command("EHLO crash.test", 250);
            for (int i = 0; i < 5; i++) {
                assertThat(d.sendMessage("s@crash.test", List.of("durable@hooks.test"), "Subject: durable " + i + "\r\n\r\nx\r\n").code())
                        .isEqualTo(250);
            }
        }
        first.kill();

        try (HookReceiver back = HookReceiver.startOn(hookPort); MailbinProcess second = MailbinProcess.start(data, flags)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> subjects(back).size() == 5);
            assertThat(subjects(back)).containsExactlyInAnyOrder("durable 0", "durable 1", "durable 2", "durable 3", "durable 4");
        }
    }

    private static Set<String> subjects(HookReceiver r) {
        return r.hits("/after-restart").stream().map(h -> TestMailbin.JSON.readTree(h.body()).get("subject").asString())
                .collect(Collectors.toSet());
    }

    /** Creates an account the way an operator does: {@code mailbin account create NAME}; returns the key (last line). */
    static String createAccount(Path data, String name) {
        StringWriter out = new StringWriter();
        CommandLine cl = MailbinCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("account", "create", name, "--data-dir", data.toString())).isZero();
        List<String> lines = out.toString().lines().toList();
        return lines.getLast().trim();
    }
}
