package io.mailbin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.TestMailbin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/addresses/{email}/messages/wait: answers as soon as a matching message is stored, else 204. */
class WaitForMessageTest {
    static TestMailbin server;
    static Hooks owner;
    static String ownerKey;
    static String otherKey;

    @BeforeAll
    static void start() {
        server = TestMailbin.start();
        ownerKey = server.createAccount("waiter");
        otherKey = server.createAccount("stranger");
        owner = new Hooks(server, ownerKey);
        owner.reserve("mine@wait.test", "{}");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static HttpResponse<String> wait(String address, String query, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url("/api/addresses/" + address + "/messages/wait" + query)));
        if (key != null) {
            b.header("Mailsac-Key", key);
        }
        return server.send(b.build());
    }

    @Test
    void nothingArrivingMeans204AtTheTimeout() {
        long started = System.nanoTime();
        HttpResponse<String> r = wait("nobody@wait.test", "?timeout=1", null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aWaitingRequestIsAnsweredByTheNextMessage() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> wait("next@wait.test", "?timeout=20", null));
        Thread.sleep(300); // the request is parked by now
        owner.send(List.of("next@wait.test"), "the next one", "x");
        HttpResponse<String> r = waiting.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestMailbin.JSON.readTree(r.body()).get("subject").asString()).isEqualTo("the next one");
    }

    @Test
    void sinceAMessageIdReturnsTheMessageAfterItAndKeepsWorkingOnceItIsDeleted() {
        owner.send(List.of("since@wait.test"), "first", "x");
        owner.send(List.of("since@wait.test"), "second", "x");
        JsonNode list = server.json("/api/addresses/since@wait.test/messages");
        String second = list.get(0).get("_id").asString();
        String first = list.get(1).get("_id").asString();

        HttpResponse<String> afterFirst = wait("since@wait.test", "?since=" + first + "&timeout=5", null);
        assertThat(TestMailbin.JSON.readTree(afterFirst.body()).get("_id").asString()).isEqualTo(second);
        assertThat(wait("since@wait.test", "?since=" + second + "&timeout=1", null).statusCode()).isEqualTo(204);

        assertThat(server.delete("/api/addresses/since@wait.test/messages/" + first).statusCode()).isEqualTo(200);
        HttpResponse<String> afterDeleted = wait("since@wait.test", "?since=" + first + "&timeout=5", null);
        assertThat(afterDeleted.statusCode()).isEqualTo(200);
        assertThat(TestMailbin.JSON.readTree(afterDeleted.body()).get("_id").asString()).isEqualTo(second);

        String isoOfFirst = list.get(1).get("received").asString();
        assertThat(TestMailbin.JSON.readTree(wait("since@wait.test", "?since=" + isoOfFirst + "&timeout=5", null).body())
                .get("_id").asString()).isEqualTo(second);
    }

    @Test
    void aPrivateAddressFollowsTheListingRules() throws Exception {
        assertThat(wait("mine@wait.test", "?timeout=0", null).statusCode()).isEqualTo(401);
        assertThat(wait("mine@wait.test", "?timeout=0", otherKey).statusCode()).isEqualTo(403);
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> wait("mine@wait.test", "?timeout=20", ownerKey));
        Thread.sleep(300);
        owner.send(List.of("mine@wait.test"), "private arrival", "x");
        HttpResponse<String> r = waiting.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestMailbin.JSON.readTree(r.body()).get("subject").asString()).isEqualTo("private arrival");
    }

    @Test
    void badParametersAre400() {
        assertThat(wait("x@wait.test", "?timeout=abc", null).statusCode()).isEqualTo(400);
        assertThat(wait("x@wait.test", "?since=garbage&timeout=0", null).statusCode()).isEqualTo(400);
    }
}
