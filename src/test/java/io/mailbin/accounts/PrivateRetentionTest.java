package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Retention of private mail (DESIGN.md §4): each account keeps at most its message limit of unstarred
 * messages across all its addresses and domains, evicting the oldest first; starred mail is never
 * evicted, and neither other accounts' mail nor public mail is touched.
 */
class PrivateRetentionTest {
    static TestMailbin server;
    static Http http;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.accountMaxMessages(5));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void theOldestUnstarredPrivateMessagesGoFirstAndStarredOnesStay() {
        String keeper = server.createAccount("keeper");
        String neighbour = server.createAccount("neighbour");
        http.post("/api/addresses/keep@retain.test", keeper, null).expect(200);
        http.post("/api/domains/retain-domain.test", keeper, "{}").expect(200);
        http.post("/api/addresses/next@retain.test", neighbour, null).expect(200);
        for (int i = 1; i <= 5; i++) {
            Http.deliver(server, "neighbour " + i, "next@retain.test");
        }

        send(1);
        send(2);
        JsonNode first = http.get("/api/inbox", keeper).expect(200).get("messages").get(1);
        assertThat(first.get("subject").asString()).isEqualTo("m1");
        star(keeper, first);
        for (int i = 3; i <= 8; i++) {
            send(i);
            Http.deliver(server, "public " + i, "open@retain-public.test");
        }
        // 7 unstarred arrived for a limit of 5: m2 and m3 went; the starred m1 stayed
        assertThat(subjects(keeper)).containsExactly("m8", "m7", "m6", "m5", "m4", "m1");
        assertThat(http.get("/api/me/stats", keeper).expect(200).get("storedMessages").asInt()).isEqualTo(6);

        // unstarred, m1 counts again: the next arrival evicts it and m4
        star(keeper, first);
        send(9);
        assertThat(subjects(keeper)).containsExactly("m9", "m8", "m7", "m6", "m5");

        assertThat(subjects(neighbour)).containsExactly("neighbour 5", "neighbour 4", "neighbour 3", "neighbour 2", "neighbour 1");
        assertThat(http.get("/api/addresses/open@retain-public.test/message-count", null).expect(200).get("count").asInt())
                .isEqualTo(6);
    }

    /** Message {@code m<i>}, to the reserved address (odd) or an address of the account's domain (even). */
    private static void send(int i) {
        Http.deliver(server, "m" + i, i % 2 == 1 ? "keep@retain.test" : "x" + i + "@retain-domain.test");
    }

    private static void star(String key, JsonNode message) {
        http.put("/api/addresses/" + message.get("originalInbox").asString() + "/messages/" + message.get("_id").asString()
                + "/star", key, null).expect(200);
    }

    private static List<String> subjects(String key) {
        return http.get("/api/inbox", key).expect(200).get("messages").valueStream().map(m -> m.get("subject").asString())
                .toList();
    }
}
