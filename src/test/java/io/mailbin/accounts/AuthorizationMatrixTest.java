package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix: every endpoint that touches a private inbox, asked with no key, an
 * unknown key, another account's key, the owner's key and the operator key, gets the spec's status for
 * each, and no wrong answer carries a byte of the private message. The same message id under a public
 * address in the URL is not found for anyone: authorization follows the message's real inbox.
 */
class AuthorizationMatrixTest {
    static final String OPERATOR = "operator-key-for-matrix-test";
    static final String UNKNOWN = "k_11111111111111111111111111111111";
    static final String SECRET = "SECRET";
    static final String PRIVATE = "vault@matrix.test";
    static final String PUBLIC = "open@matrix-public.test";
    static TestMailbin server;
    static Http http;
    static String owner;
    static String other;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.adminKey(OPERATOR));
        http = new Http(server);
        owner = server.createAccount("owner");
        other = server.createAccount("other");
        http.post("/api/addresses/" + PRIVATE, owner, null).expect(200);
        Http.deliver(server, "public neighbour", PUBLIC);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    /** A private message with an HTML body and an attachment, every part marked SECRET; returns its id. */
    private static String secretMessage() {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO client.test", 250);
            SmtpDialog.Reply r = d.sendMessage("sender@client.test", List.of(PRIVATE), "From: sender@client.test\r\n"
                    + "To: " + PRIVATE + "\r\nSubject: SECRET subject\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                    + "<p>SECRET html</p>\r\n--b1\r\nContent-Type: text/plain; name=secret.txt\r\n"
                    + "Content-Disposition: attachment; filename=secret.txt\r\n\r\nSECRET attachment\r\n--b1--\r\n");
            assertThat(r.code()).as(r.text()).isEqualTo(250);
        }
        return Http.ids(http.get("/api/addresses/" + PRIVATE + "/messages", owner).expect(200)).getFirst();
    }

    /**
     * Method, path ({@code {a}}: the address, {@code {id}}, {@code {md5}}), and the status for another
     * account's key: 403 where the spec lists it (inbox listing and count), else 401.
     */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/api/addresses/{a}/messages", "403"},
            new String[] {"GET", "/api/addresses/{a}/message-count", "403"},
            new String[] {"GET", "/api/addresses/{a}/messages/{id}", "401"},
            new String[] {"GET", "/api/raw/{a}/{id}", "401"},
            new String[] {"GET", "/api/text/{a}/{id}", "401"},
            new String[] {"GET", "/api/body/{a}/{id}", "401"},
            new String[] {"GET", "/api/dirty/{a}/{id}", "401"},
            new String[] {"GET", "/api/addresses/{a}/messages/{id}/headers", "401"},
            new String[] {"GET", "/api/addresses/{a}/messages/{id}/headers?messageHeadersFormat=plain", "401"},
            new String[] {"GET", "/api/addresses/{a}/messages/{id}/attachments", "401"},
            new String[] {"GET", "/api/addresses/{a}/messages/{id}/attachments/{md5}", "401"},
            new String[] {"GET", "/api/addresses/{a}/messages/{id}/attachments/secret.txt", "401"},
            new String[] {"PUT", "/api/addresses/{a}/messages/{id}/star", "401"},
            new String[] {"PUT", "/api/addresses/{a}/messages/{id}/labels/x", "401"},
            new String[] {"DELETE", "/api/addresses/{a}/messages/{id}/labels/x", "401"},
            new String[] {"PUT", "/api/addresses/{a}/messages/{id}/folder/inbox", "401"},
            new String[] {"PUT", "/api/addresses/{a}/messages/{id}/read/false", "401"},
            new String[] {"DELETE", "/api/addresses/{a}/messages", "401"},
            new String[] {"DELETE", "/api/addresses/{a}/messages/{id}", "401"});

    @Test
    void everyEndpointAnswersEachKindOfCallerAsTheSpecSays() {
        String id = secretMessage();
        String md5 = http.get("/api/addresses/" + PRIVATE + "/messages/" + id + "/attachments", owner).expect(200)
                .get(0).get("checksum").asString();
        // star it first, so that deleting the inbox's mail keeps it for the rows that follow
        http.put("/api/addresses/" + PRIVATE + "/messages/" + id + "/star", owner, null).expect(200);
        for (String[] e : ENDPOINTS) {
            boolean deletesTheMessage = e[0].equals("DELETE") && e[1].endsWith("{id}");
            boolean togglesTheStar = e[1].endsWith("/star");
            String path = e[1].replace("{a}", PRIVATE).replace("{id}", id).replace("{md5}", md5);
            wrong(http.send(e[0], path, null, null), 401);
            wrong(http.send(e[0], path, UNKNOWN, null), 401);
            wrong(http.send(e[0], path, other, null), Integer.parseInt(e[2]));
            for (String key : new String[] {owner, OPERATOR}) {
                if (deletesTheMessage && key.equals(OPERATOR)) {
                    id = secretMessage();
                    path = e[1].replace("{a}", PRIVATE).replace("{id}", id);
                }
                Http.Reply r = http.send(e[0], path, key, null);
                assertThat(r.status()).as("%s by %s: %s", r.request(), key.equals(owner) ? "the owner" : "the operator",
                        r.body()).isIn(200, 204);
            }
            if (togglesTheStar) {
                assertThat(http.get("/api/addresses/starred/messages", owner).expect(200)).hasSize(1);
            }
        }
    }

    @Test
    void aPrivateMessageUnderAPublicAddressIsNotFoundForAnyone() {
        String id = secretMessage();
        for (String[] e : ENDPOINTS) {
            String path = e[1].replace("{a}", PUBLIC).replace("{id}", id).replace("{md5}", "0".repeat(32));
            boolean inboxLevel = !e[1].contains("{id}");
            for (String key : new String[] {null, other, owner, OPERATOR}) {
                Http.Reply r = http.send(e[0], path, key, null);
                if (inboxLevel) {
                    assertThat(r.status()).as(r.request()).isIn(200, 204);
                } else {
                    r.expectError(404, "not found");
                }
                assertThat(r.body()).as(r.request()).doesNotContain(SECRET);
            }
        }
        assertThat(http.get("/api/text/" + PRIVATE + "/" + id, owner).body()).contains("SECRET html");
    }

    /** A refusal: the status, a JSON error, and nothing of the private message. */
    private static void wrong(Http.Reply r, int status) {
        assertThat(r.status()).as("%s: %s", r.request(), r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body()).as(r.request()).doesNotContain(SECRET).doesNotContain("secret.txt");
    }
}
