package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code --public-inboxes=false}, public inboxes are read with any account's key, and never without one. */
class ClosedInboxesTest {
    static TestMailbin server;
    static Http http;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.publicInboxes(false));
        http = new Http(server);
        alice = server.createAccount("alice");
        bob = server.createAccount("bob");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void aPublicInboxNeedsSomeAccountsKey() {
        Http.deliver(server, "closed", "open@closed.test");
        String id = Http.ids(http.get("/api/addresses/open@closed.test/messages", alice).expect(200)).getFirst();
        for (String path : new String[] {"/api/addresses/open@closed.test/messages", "/api/addresses/open@closed.test/message-count",
                "/api/addresses/open@closed.test/messages/" + id, "/api/raw/open@closed.test/" + id,
                "/api/addresses/open@closed.test/messages/" + id + "/attachments"}) {
            http.get(path, null).expectError(401, "This server's inboxes need an API key");
            assertThat(http.get(path, bob).status()).as(path).isEqualTo(200);
            http.get(path, "k_22222222222222222222222222222222").expectError(401, "Invalid API key");
            http.get(path, alice).expect(200);
        }
        http.put("/api/addresses/open@closed.test/messages/" + id + "/read/true", null, null).expect(401);
        http.delete("/api/addresses/open@closed.test/messages", null).expect(401);
        assertThat(http.get("/api/addresses/open@closed.test/message-count", bob).expect(200).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void aPrivateInboxStillNeedsItsOwnersKey() {
        http.post("/api/addresses/mine@closed.test", alice, null).expect(200);
        Http.deliver(server, "mine", "mine@closed.test");
        http.get("/api/addresses/mine@closed.test/messages", null).expect(401);
        http.get("/api/addresses/mine@closed.test/messages", bob).expect(403);
        assertThat(http.get("/api/addresses/mine@closed.test/messages", alice).expect(200)).hasSize(1);
    }
}
