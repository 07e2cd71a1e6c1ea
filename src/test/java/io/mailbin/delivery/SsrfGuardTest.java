package io.mailbin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailbin.testing.HookReceiver;
import io.mailbin.testing.TestMailbin;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Without --allow-private-webhooks, hooks never reach loopback or private networks, and the log says why. */
class SsrfGuardTest {
    static TestMailbin server;
    static HookReceiver receiver;
    static Hooks hooks;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.retryBase(Duration.ofMillis(50)));
        receiver = HookReceiver.start();
        hooks = new Hooks(server, server.createAccount("guarded"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        server.closeAndDelete();
    }

    @Test
    void aLoopbackWebhookIsRefusedAtOnceAndNeverCalled() {
        hooks.reserve("ssrf@guard.test", "{\"webhook\":\"" + receiver.url("/internal") + "\",\"webhookSlack\":\"http://localhost:"
                + receiver.url("").replaceAll(".*:", "") + "/slack\"}");
        hooks.send(List.of("ssrf@guard.test"), "try to reach inside", "x");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode log = hooks.json("/api/addresses/ssrf@guard.test/deliveries");
            return log.size() == 2 && log.get(0).get("state").asString().equals("failed")
                    && log.get(1).get("state").asString().equals("failed");
        });
        JsonNode log = hooks.json("/api/addresses/ssrf@guard.test/deliveries");
        for (JsonNode d : log) {
            assertThat(d.get("attempts")).hasSize(1);
            assertThat(d.at("/attempts/0/error").asString()).contains("resolves only to private, loopback")
                    .contains("--allow-private-webhooks");
        }
        assertThat(receiver.hits()).isEmpty();
    }

    @Test
    void publicPrivateAndSpecialAddressesAreToldApart() throws Exception {
        for (String ip : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1")) {
            assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).as(ip).isFalse();
        }
        for (String ip : List.of("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8")) {
            assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).as(ip).isTrue();
        }
    }
}
