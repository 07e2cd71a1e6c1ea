package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint that touches a private inbox, called with no key, another account's key, the owner's
 * key and the operator key: the status each time is the spec's, and no private byte ever appears in a
 * refusal. A private message's id used under a public address is not found at all.
 */
class AuthorizationMatrixTest {
    static final String SECRET = "TOP-SECRET-7f3a";
    static final String ADMIN = "operator-key-for-tests";
    static TestMailbin server;
    static String ownerKey;
    static String otherKey;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.adminKey(ADMIN));
        ownerKey = server.createAccount("owner");
        otherKey = server.createAccount("other");
        HttpResponse<String> r = send("POST", "/api/addresses/vault@private.test", ownerKey);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    /** A fresh private message, so destructive calls never affect another case. */
    static String privateMessage() {
        String subject = SECRET + " " + System.nanoTime();
        String mime = "Subject: " + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/html\r\n\r\n<p>" + SECRET + "</p>\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"secret.bin\"\r\n"
                + "Content-ID: <secret-cid>\r\n\r\n" + SECRET + "\r\n--b--\r\n";
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO x.test", 250);
            assertThat(d.sendMessage("s@x.test", List.of("vault@private.test"), mime).code()).isEqualTo(250);
        }
        List<String> ids = new ArrayList<>();
        TestMailbin.JSON.readTree(send("GET", "/api/addresses/vault@private.test/messages?limit=1000", ownerKey).body())
                .forEach(m -> {
                    if (m.get("subject").asString().equals(subject)) {
                        ids.add(m.get("_id").asString());
                    }
                });
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }

    static HttpResponse<String> send(String method, String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            b.header("Mailsac-Key", key);
        }
        return server.send(b.build());
    }

    record Case(String method, Function<String, String> path, int wrongKey, int ok) {
        @Override
        public String toString() {
            return method + " " + path.apply("{id}");
        }
    }

    static Stream<Arguments> endpoints() {
        String a = "vault@private.test";
        return Stream.of(
                new Case("GET", id -> "/api/addresses/" + a + "/messages", 403, 200),
                new Case("GET", id -> "/api/addresses/" + a + "/message-count", 403, 200),
                new Case("DELETE", id -> "/api/addresses/" + a + "/messages", 401, 204),
                new Case("GET", id -> "/api/addresses/" + a + "/messages/" + id, 401, 200),
                new Case("DELETE", id -> "/api/addresses/" + a + "/messages/" + id, 401, 200),
                new Case("GET", id -> "/api/raw/" + a + "/" + id, 401, 200),
                new Case("GET", id -> "/api/text/" + a + "/" + id, 401, 200),
                new Case("GET", id -> "/api/body/" + a + "/" + id, 401, 200),
                new Case("GET", id -> "/api/dirty/" + a + "/" + id, 401, 200),
                new Case("GET", id -> "/api/addresses/" + a + "/messages/" + id + "/headers", 401, 200),
                new Case("GET", id -> "/api/addresses/" + a + "/messages/" + id + "/attachments", 401, 200),
                new Case("GET", id -> "/api/addresses/" + a + "/messages/" + id + "/attachments/secret.bin", 401, 200),
                new Case("GET", id -> "/api/addresses/" + a + "/messages/" + id + "/attachments/secret-cid", 401, 200),
                new Case("PUT", id -> "/api/addresses/" + a + "/messages/" + id + "/star", 401, 200),
                new Case("PUT", id -> "/api/addresses/" + a + "/messages/" + id + "/labels/work", 401, 200),
                new Case("DELETE", id -> "/api/addresses/" + a + "/messages/" + id + "/labels/work", 401, 200),
                new Case("PUT", id -> "/api/addresses/" + a + "/messages/" + id + "/folder/trash", 401, 200),
                new Case("PUT", id -> "/api/addresses/" + a + "/messages/" + id + "/read/true", 401, 200))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void onlyTheOwnerAndTheOperatorGetIn(Case c) {
        String id = privateMessage();
        String path = c.path().apply(id);

        HttpResponse<String> anonymous = send(c.method(), path, null);
        assertThat(anonymous.statusCode()).as("no key").isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain(SECRET);

        HttpResponse<String> wrong = send(c.method(), path, otherKey);
        assertThat(wrong.statusCode()).as("another account's key").isEqualTo(c.wrongKey());
        assertThat(wrong.body()).doesNotContain(SECRET);

        HttpResponse<String> operator = send(c.method(), path, ADMIN);
        assertThat(operator.statusCode()).as("operator key").isEqualTo(c.ok());

        String fresh = privateMessage();
        HttpResponse<String> owner = send(c.method(), c.path().apply(fresh), ownerKey);
        assertThat(owner.statusCode()).as("owner key").isEqualTo(c.ok());
        assertThat(send("GET", "/api/addresses/vault@private.test/message-count", ownerKey).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aPrivateIdUnderAPublicAddressIsNotFound(Case c) {
        String id = privateMessage();
        String path = c.path().apply(id).replace("vault@private.test", "someone@public.test");
        if (!path.contains(id)) {
            return; // inbox-level endpoints: the public inbox is simply empty of it
        }
        for (String key : new String[] {null, otherKey}) {
            HttpResponse<String> r = send(c.method(), path, key);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain(SECRET);
        }
        HttpResponse<String> list = send("GET", "/api/addresses/someone@public.test/messages", otherKey);
        assertThat(list.body()).doesNotContain(SECRET);
    }
}
