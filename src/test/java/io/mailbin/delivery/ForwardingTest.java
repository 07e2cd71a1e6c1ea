package io.mailbin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailbin.testing.TestMailbin;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Email forwarding through a smart host (GreenMail, a real SMTP receiver), and its loop protection. */
class ForwardingTest {
    static GreenMail relay;
    static TestMailbin server;
    static Hooks hooks;

    @BeforeAll
    static void start() throws IOException {
        relay = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        server = TestMailbin.start(b -> b.relayHost("127.0.0.1").relayPort(relay.getSmtp().getPort())
                .retryBase(Duration.ofMillis(100)));
        hooks = new Hooks(server, server.createAccount("forwarder"));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
        relay.stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aForwardedMessageArrivesAtTheTargetMarkedAsForwardedByMailbin() throws Exception {
        hooks.reserve("fwd@fwd.test", "{\"forward\":\"Target@Dest.test\"}");
        hooks.send(List.of("fwd@fwd.test"), "please forward", "the body");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.getReceivedMessages().length == 1);
        MimeMessage m = relay.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("please forward");
        assertThat(m.getHeader("X-Mailbin-Forwarded-For", null)).isEqualTo("fwd@fwd.test");
        assertThat(m.getHeader("X-Mailbin-Loop", null)).isEqualTo("mailbin.test");
        var target = relay.getUserManager().getUserByEmail("target@dest.test");
        assertThat(target).as("the envelope recipient's mailbox").isNotNull();
        assertThat(relay.getManagers().getImapHostManager().getInbox(target).getMessageCount()).isEqualTo(1);
        assertThat(((String) m.getContent()).trim()).isEqualTo("the body");
        assertThat(m.getHeader("Received")).anySatisfy(r -> assertThat(r).contains("by mailbin.test (Mailbin)"));
        JsonNode log = hooks.json("/api/addresses/fwd@fwd.test/deliveries");
        assertThat(log.get(0).get("kind").asString()).isEqualTo("forward");
        assertThat(log.get(0).get("state").asString()).isEqualTo("delivered");
        assertThat(log.get(0).at("/attempts/0/status").asInt()).isEqualTo(250);
    }

    @Test
    void aMessageThatAlreadyPassedThroughThisServersForwardingIsNotForwardedAgain() {
        hooks.reserve("looped@fwd.test", "{\"forward\":\"somewhere@dest.test\"}");
        hooks.send(List.of("looped@fwd.test"), "been here before", "X-ignored: x");
        // the same mail again, now carrying our loop marker as it would after one forward
        try (var d = io.mailbin.testing.SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO relay.test", 250);
            assertThat(d.sendMessage("s@relay.test", List.of("looped@fwd.test"),
                    "X-Mailbin-Loop: mailbin.test\r\nSubject: came back\r\n\r\nx\r\n").code()).isEqualTo(250);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode log = hooks.json("/api/addresses/looped@fwd.test/deliveries");
            return log.size() == 2 && !log.get(0).get("state").asString().equals("pending")
                    && !log.get(1).get("state").asString().equals("pending");
        });
        JsonNode log = hooks.json("/api/addresses/looped@fwd.test/deliveries");
        JsonNode cameBack = log.get(0); // newest first
        assertThat(cameBack.get("state").asString()).isEqualTo("failed");
        assertThat(cameBack.at("/attempts/0/error").asString()).contains("loop protection");
        assertThat(log.get(1).get("state").asString()).isEqualTo("delivered");
    }
}
