package io.mailbin.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.account.Caller;
import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official {@code @mailsac/api} 1.0.8 client's address, domain, message-action, account and validation
 * calls against a running server ({@code src/test/node/accounts-client.js}). This side sets the scene the way
 * an operator would (accounts, a custom domain, mail over SMTP) and checks afterwards, over plain HTTP, that
 * what the script did is what every other client sees.
 */
class OfficialAccountsClientTest {
    static final String DOMAIN = "acme-client.test";
    static final String PUBLIC = "starred@client-public.test";

    static TestMailbin server;
    static Http http;

    @BeforeAll
    static void start() {
        OfficialClientTest.installClient();
        server = TestMailbin.start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.closeAndDelete();
        }
    }

    @Test
    void theOfficialClientManagesAddressesDomainsMessagesAndTheAccount() {
        String key = server.createAccount("acme");
        String otherKey = server.createAccount("rival");
        server.mailbin().accounts().domains().add(new Caller(null, true), DOMAIN, "acme", false, true);
        for (int i = 1; i <= 3; i++) {
            Http.deliver(server, "dom " + i, "d" + i + "@" + DOMAIN);
        }
        Http.deliver(server, "public to star", PUBLIC);
        List<String> domainMail = Http.ids(http.get("/api/domains/" + DOMAIN + "/messages", key).expect(200));
        String publicId = Http.ids(http.get("/api/addresses/" + PUBLIC + "/messages", null).expect(200)).getFirst();

        OfficialClientTest.Result node = OfficialClientTest.run(List.of("node", "accounts-client.js"), Map.of(
                "MAILBIN_API_URL", server.url("/api"), "MAILBIN_KEY", key, "MAILBIN_OTHER_KEY", otherKey,
                "MAILBIN_DOMAIN", DOMAIN, "MAILBIN_PUBLIC", PUBLIC), 60);

        assertThat(node.exit()).as("node accounts-client.js failed:\n%s\n%s", node.stdout(), node.stderr()).isZero();
        JsonNode summary = TestMailbin.JSON.readTree(node.stdout().lines().toList().getLast());
        assertThat(summary.get("account").asString()).isEqualTo("acme");
        assertThat(summary.get("addresses").toString())
                .isEqualTo("[\"ci-bulk1@accounts-client.test\",\"ci-reserved@accounts-client.test\"]");
        assertThat(summary.get("domainMessages").valueStream().map(JsonNode::asString).toList()).isEqualTo(domainMail);
        assertThat(summary.get("starred").toString()).isEqualTo("[\"" + publicId + "\"]");

        // what the script changed is what everyone sees
        JsonNode reserved = http.get("/api/addresses/ci-reserved@accounts-client.test", key).expect(200);
        assertThat(reserved.get("forward").asString()).isEqualTo("ci-target@elsewhere.test");
        assertThat(reserved.get("enabledws").asBoolean()).isFalse();
        http.get("/api/addresses/ci-reserved@accounts-client.test", otherKey).expect(401);
        assertThat(http.get("/api/addresses/ci-bulk2@accounts-client.test/availability", null).expect(200)
                .get("available").asBoolean()).isTrue();
        assertThat(http.get("/api/addresses/" + PUBLIC + "/messages", null).expect(200)).isEmpty();
        assertThat(http.get("/api/domains/" + DOMAIN, key).expect(200).get("totalMessages").asInt()).isZero();
        assertThat(http.get("/api/me/stats", key).expect(200)).isEqualTo(summary.get("stats"));
    }
}
