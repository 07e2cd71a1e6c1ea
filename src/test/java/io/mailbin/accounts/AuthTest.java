package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How a caller proves who it is: the key in the {@code Mailsac-Key} header, the {@code _mailsacKey} query
 * parameter or a {@code _mailsacKey} JSON body field, on every kind of endpoint; unknown keys refused; the
 * operator key acting for any account.
 */
class AuthTest {
    static final String OPERATOR = "operator-key-for-auth-test";
    static final String UNKNOWN = "k_00000000000000000000000000000000";
    static TestMailbin server;
    static Http http;
    static String alice;
    static String bob;
    static String id;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.adminKey(OPERATOR).authDelay(Duration.ZERO)); // slowing down: AuthThrottleTest
        http = new Http(server);
        alice = server.createAccount("alice");
        bob = server.createAccount("bob");
        http.post("/api/addresses/auth@private.test", alice, null).expect(200);
        http.post("/api/addresses/empty@private.test", alice, null).expect(200);
        http.post("/api/domains/auth-domain.test", alice, "{}").expect(200);
        Http.deliver(server, "private mail", "auth@private.test");
        id = Http.ids(http.get("/api/addresses/auth@private.test/messages", alice).expect(200)).getFirst();
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    /** One endpoint of each kind: method, path ({@code %s} stands for something unique per call) and JSON body. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/api/addresses/auth@private.test/messages", null},
            new String[] {"GET", "/api/addresses/auth@private.test/message-count", null},
            new String[] {"DELETE", "/api/addresses/empty@private.test/messages", null},
            new String[] {"GET", "/api/addresses/auth@private.test/messages/{id}", null},
            new String[] {"GET", "/api/raw/auth@private.test/{id}", null},
            new String[] {"GET", "/api/text/auth@private.test/{id}", null},
            new String[] {"GET", "/api/addresses/auth@private.test/messages/{id}/headers", null},
            new String[] {"GET", "/api/addresses/auth@private.test/messages/{id}/attachments", null},
            new String[] {"PUT", "/api/addresses/auth@private.test/messages/{id}/read/true", null},
            new String[] {"PUT", "/api/addresses/auth@private.test/messages/{id}/labels/seen", null},
            new String[] {"GET", "/api/addresses", null},
            new String[] {"GET", "/api/addresses/auth@private.test", null},
            new String[] {"POST", "/api/addresses/new-%s@private.test", null},
            new String[] {"PUT", "/api/addresses/auth@private.test", "{\"info\":\"updated\"}"},
            new String[] {"PUT", "/api/private-address-forwarding/auth@private.test", "{\"enablews\":true}"},
            new String[] {"POST", "/api/private-addresses-bulk", "{\"addresses\":[\"bulk-%s@private.test\"]}"},
            new String[] {"GET", "/api/domains", null},
            new String[] {"GET", "/api/domains/auth-domain.test", null},
            new String[] {"PUT", "/api/domains/auth-domain.test", "{\"enablews\":true}"},
            new String[] {"GET", "/api/domains/auth-domain.test/messages", null},
            new String[] {"POST", "/api/domains/auth-domain.test/delete-all-domain-mail", null},
            new String[] {"GET", "/api/me", null},
            new String[] {"GET", "/api/me/stats", null},
            new String[] {"GET", "/api/inbox", null},
            new String[] {"GET", "/api/inbox-filter?andFrom=sender", null},
            new String[] {"GET", "/api/inbox-search?query=mail", null},
            new String[] {"GET", "/api/addresses/starred/messages", null},
            new String[] {"GET", "/api/validations/addresses/a@example.org", null},
            new String[] {"POST", "/api/validations/addresses", "{\"emails\":[\"a@example.org\"]}"});

    private int unique;

    /** Sends the endpoint with the key placed as {@code where} says: header, query or body. */
    private Http.Reply call(String[] endpoint, String where, String key) {
        String path = endpoint[1].replace("{id}", id).replace("%s", String.valueOf(++unique));
        String body = endpoint[2] == null ? null : endpoint[2].replace("%s", String.valueOf(unique));
        return switch (where) {
            case "header" -> http.send(endpoint[0], path, key, body);
            case "query" -> http.send(endpoint[0], path + (path.contains("?") ? "&" : "?") + "_mailsacKey=" + key, null, body);
            case "body" -> http.send(endpoint[0], path, null,
                    body == null ? "{\"_mailsacKey\":\"" + key + "\"}" : "{\"_mailsacKey\":\"" + key + "\"," + body.substring(1));
            default -> throw new IllegalArgumentException(where);
        };
    }

    @Test
    void theKeyIsReadFromTheHeaderTheQueryOrTheBodyOnEveryKindOfEndpoint() {
        for (String[] endpoint : ENDPOINTS) {
            for (String where : List.of("header", "query", "body")) {
                Http.Reply ok = call(endpoint, where, alice);
                assertThat(ok.status()).as("%s with the key in the %s: %s", ok.request(), where, ok.body()).isIn(200, 204);
                // the same place with a key that is not ours is refused: the key was read from there
                call(endpoint, where, UNKNOWN).expectError(401, "Invalid API key");
            }
        }
        assertThat(http.get("/api/addresses/auth@private.test", alice).expect(200).get("info").asString()).isEqualTo("updated");
    }

    @Test
    void anUnknownKeyIsRefusedEvenWhereNoKeyIsNeeded() {
        http.get("/api/me", alice).expect(200);
        http.get("/api/addresses/open@public.test/messages", UNKNOWN).expectError(401, "Invalid API key");
        http.get("/api/addresses/open@public.test/messages", null).expect(200);
        http.get("/api/addresses/open@public.test/messages", alice).expect(200);
        http.get("/api/validations/addresses/a@example.org", "not even a key").expectError(401, "Invalid API key");
        http.get("/api/me", alice).expect(200);
    }

    /** Authorization follows the message's real inbox: under another address its id is unknown, to everyone. */
    @Test
    void aPrivateIdUnderAPublicAddressIsNotFoundEvenForItsOwnerOrTheOperator() {
        for (String key : new String[] {alice, OPERATOR, UNKNOWN}) {
            for (String[] e : List.of(new String[] {"GET", "/api/addresses/open@public.test/messages/{id}"},
                    new String[] {"GET", "/api/raw/open@public.test/{id}"},
                    new String[] {"GET", "/api/addresses/open@public.test/messages/{id}/headers?messageHeadersFormat=plain"},
                    new String[] {"PUT", "/api/addresses/open@public.test/messages/{id}/star"},
                    new String[] {"DELETE", "/api/addresses/open@public.test/messages/{id}"})) {
                Http.Reply r = http.send(e[0], e[1].replace("{id}", id), key, null);
                if (key.equals(UNKNOWN)) {
                    r.expectError(401, "Invalid API key");
                    http.get("/api/me", alice).expect(200);
                } else {
                    r.expectError(404, "not found");
                }
                assertThat(r.body()).doesNotContain("private mail");
            }
        }
        assertThat(http.get("/api/addresses/auth@private.test/messages/" + id, alice).expect(200).get("subject").asString())
                .isEqualTo("private mail");
    }

    @Test
    void theOperatorKeyReadsAndManagesEveryAccountsPrivateData() {
        http.get("/api/addresses/auth@private.test/messages", bob).expect(403);
        assertThat(Http.ids(http.get("/api/addresses/auth@private.test/messages", OPERATOR).expect(200))).contains(id);
        assertThat(http.get("/api/addresses/auth@private.test/message-count", OPERATOR).expect(200).get("count").asInt())
                .isPositive();
        JsonNode meta = http.get("/api/addresses/auth@private.test/messages/" + id, OPERATOR).expect(200);
        assertThat(meta.get("route").get("owner").asString()).isEqualTo("alice");
        assertThat(meta.get("route").has("targets")).as("the operator sees the forwarding too").isTrue();
        assertThat(http.get("/api/text/auth@private.test/" + id, OPERATOR).body()).isEqualTo("body of private mail\r\n");
        assertThat(http.put("/api/addresses/auth@private.test/messages/" + id + "/labels/checked", OPERATOR, null)
                .expect(200).get("labels").toString()).contains("checked");

        assertThat(http.get("/api/addresses/auth@private.test", OPERATOR).expect(200).get("owner").asString()).isEqualTo("alice");
        assertThat(http.put("/api/addresses/auth@private.test", OPERATOR, "{\"forward\":\"ops@elsewhere.test\"}")
                .expect(200).get("forward").asString()).isEqualTo("ops@elsewhere.test");
        http.post("/api/addresses/temp@private.test", alice, null).expect(200);
        assertThat(http.delete("/api/addresses/temp@private.test", OPERATOR).expect(200).get("owner").asString())
                .isEqualTo("alice");
        http.post("/api/addresses/ops-own@private.test", OPERATOR, null).expectError(400, "owns nothing");

        assertThat(http.get("/api/domains/auth-domain.test", OPERATOR).expect(200).get("domain").get("owner").asString())
                .isEqualTo("alice");
        http.get("/api/domains/auth-domain.test/messages", OPERATOR).expect(200);
        assertThat(http.put("/api/domains/auth-domain.test", OPERATOR, "{\"isPrivate\":true}").expect(200)
                .get("isPrivate").asBoolean()).isTrue();
        assertThat(http.get("/api/me/stats?overrideAccountId=alice", OPERATOR).expect(200).get("addresses").toString())
                .contains("auth@private.test");
        http.get("/api/domains/auth-domain.test", bob).expect(401);
        http.get("/api/me/stats?overrideAccountId=alice", bob).expect(403);
    }
}
