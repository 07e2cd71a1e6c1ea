package io.mailbin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailbin.testing.HookReceiver;
import io.mailbin.testing.TestMailbin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Webhooks and Slack through the outbox, against local HTTP receivers. */
class WebhookDeliveryTest {
    static TestMailbin server;
    static HookReceiver receiver;
    static Hooks hooks;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.allowPrivateWebhooks(true).retryBase(Duration.ofMillis(100))
                .webhookTimeout(Duration.ofSeconds(2)).publicUrl("https://mail.example.test"));
        receiver = HookReceiver.start();
        hooks = new Hooks(server, server.createAccount("hooked"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        server.closeAndDelete();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheMessageOnTheThirdAttemptAndTheLogShowsAllThree() {
        receiver.answer(500, 500, 200);
        hooks.reserve("retry@hooks.test", "{\"webhook\":\"" + receiver.url("/retry") + "\"}");
        hooks.send(List.of("retry@hooks.test"), "retried webhook", "hello hook");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.hits("/retry").size() == 3);

        JsonNode payload = TestMailbin.JSON.readTree(receiver.hits("/retry").get(2).body());
        assertThat(receiver.hits("/retry").get(2).contentType()).startsWith("application/json");
        String id = payload.get("_id").asString();
        assertThat(payload.get("inbox").asString()).isEqualTo("retry@hooks.test");
        assertThat(payload.get("originalInbox").asString()).isEqualTo("retry@hooks.test");
        assertThat(payload.get("subject").asString()).isEqualTo("retried webhook");
        assertThat(payload.at("/from/0/address").asString()).isEqualTo("sender@sender.test");
        assertThat(payload.at("/from/0/name").asString()).isEqualTo("Sender");
        assertThat(payload.get("text").asString()).isEqualTo("hello hook\r\n");
        assertThat(payload.get("body").isNull()).isTrue();
        assertThat(payload.get("raw").asString()).startsWith("Received: ").contains("Subject: retried webhook");
        assertThat(payload.at("/headers/subject/0").asString()).isEqualTo("retried webhook");
        for (String field : List.of("_id", "from", "to", "cc", "bcc", "subject", "savedBy", "originalInbox", "inbox",
                "domain", "received", "size", "attachments", "ip", "via", "folder", "labels", "read", "rtls", "links",
                "spam", "text", "body", "raw", "headers")) {
            assertThat(payload.has(field)).as(field).isTrue();
        }
        // every attempt carried the same message
        assertThat(receiver.hits("/retry")).allSatisfy(h -> assertThat(TestMailbin.JSON.readTree(h.body()).get("_id").asString()).isEqualTo(id));

        JsonNode log = hooks.json("/api/addresses/retry@hooks.test/deliveries");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("kind").asString()).isEqualTo("webhook");
        assertThat(log.get(0).get("state").asString()).isEqualTo("delivered");
        assertThat(log.get(0).get("messageId").asString()).isEqualTo(id);
        JsonNode attempts = log.get(0).get("attempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).get("error").asString()).contains("HTTP 500");
        assertThat(attempts.get(0).get("nextRetry").isNull()).isFalse();
        assertThat(attempts.get(1).get("status").asInt()).isEqualTo(500);
        assertThat(attempts.get(2).get("status").asInt()).isEqualTo(200);
        assertThat(attempts.get(2).get("error").isNull()).isTrue();
        assertThat(attempts.get(2).get("nextRetry").isNull()).isTrue();
        assertThat(hooks.json("/api/addresses/retry@hooks.test/messages/" + id + "/deliveries")).hasSize(1);
    }

    @Test
    void slackGetsTheSubjectAndALinkAndToFromOnlyWhenAskedFor() {
        hooks.reserve("quiet@hooks.test", "{\"webhookSlack\":\"" + receiver.url("/slack-quiet") + "\"}");
        hooks.reserve("chatty@hooks.test", "{\"webhookSlack\":\"" + receiver.url("/slack-chatty") + "\",\"webhookSlackToFrom\":true}");
        hooks.send(List.of("quiet@hooks.test"), "Quiet <news>", "x");
        hooks.send(List.of("chatty@hooks.test"), "Chatty", "x");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.hits("/slack-quiet").size() == 1
                && receiver.hits("/slack-chatty").size() == 1);
        String quiet = TestMailbin.JSON.readTree(receiver.hits("/slack-quiet").getFirst().body()).get("text").asString();
        String id = hooks.json("/api/addresses/quiet@hooks.test/messages").get(0).get("_id").asString();
        assertThat(quiet).contains("*Subject:* Quiet &lt;news&gt;")
                .contains("<https://mail.example.test/#/inbox/quiet%40hooks.test/" + id + "|Open in Mailbin>")
                .doesNotContain("From:").doesNotContain("To:");
        String chatty = TestMailbin.JSON.readTree(receiver.hits("/slack-chatty").getFirst().body()).get("text").asString();
        assertThat(chatty).contains("*Subject:* Chatty").contains("*From:* Sender &lt;sender@sender.test&gt;")
                .contains("*To:* chatty@hooks.test");
    }

    @Test
    void theSeedsCatchAllExampleFiresBothAddressesHooksAndStoresOnce() {
        hooks.domain("both.test", "hooked");
        hooks.reserve("*@both.test", "{\"webhook\":\"" + receiver.url("/catch-all") + "\",\"webhookSlack\":\"" + receiver.url("/catch-all-slack") + "\"}");
        hooks.reserve("private@both.test", "{\"webhook\":\"" + receiver.url("/private") + "\",\"webhookSlack\":\"" + receiver.url("/private-slack") + "\"}");
        hooks.send(List.of("private@both.test"), "seed example", "x");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.hits("/catch-all").size() == 1
                && receiver.hits("/private").size() == 1 && receiver.hits("/catch-all-slack").size() == 1
                && receiver.hits("/private-slack").size() == 1);
        assertThat(TestMailbin.JSON.readTree(receiver.hits("/catch-all").getFirst().body()).get("inbox").asString())
                .isEqualTo("private@both.test");
        assertThat(hooks.json("/api/addresses/private@both.test/message-count").get("count").asLong()).isEqualTo(1);
        assertThat(hooks.json("/api/addresses/*@both.test/message-count").get("count").asLong()).isZero();
    }
}
