package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Private addresses over HTTP (the spec's Addresses endpoints): reserve, read, configure, release,
 * availability, bulk reserve and the hidden {@code encryptedInbox} alias, with the spec's status codes.
 * Each test works under its own domain, so tests share the server without seeing each other's addresses.
 */
class AddressesApiTest {
    static TestMailbin server;
    static Http http;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        server = TestMailbin.start();
        http = new Http(server);
        alice = server.createAccount("alice");
        bob = server.createAccount("bob");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void reservingAnswersTheAddressObjectAndReservingAgainIsRefused() {
        JsonNode a = http.post("/api/addresses/Res@Addr.test", alice, null).expect(200);
        assertThat(a.get("_id").asString()).isEqualTo("res@addr.test");
        assertThat(a.get("owner").asString()).isEqualTo("alice");
        assertThat(a.get("enabledws").asBoolean()).isFalse();
        assertThat(a.get("enablews").asBoolean()).isFalse();
        assertThat(a.get("implicit").asBoolean()).isFalse();
        assertThat(a.get("encryptedInbox").asString()).matches("inbox-[0-9a-f]{40}@addr\\.test");
        assertThat(a.get("created").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        for (String unset : List.of("info", "forward", "webhook", "webhookSlack", "catchAll")) {
            assertThat(a.has(unset)).as(unset).isFalse();
        }

        http.post("/api/addresses/res@addr.test", alice, null).expectError(400, "already reserved by your account");
        http.post("/api/addresses/res@addr.test", bob, null).expectError(401, "owned by another account");
        http.post("/api/addresses/free@addr.test", null, null).expectError(401, "API key");
        http.get("/api/addresses/free@addr.test/availability", null).expect(200);
        assertThat(http.get("/api/addresses/res@addr.test", alice).expect(200)).isEqualTo(a);
        http.get("/api/addresses/res@addr.test", bob).expectError(401, "owned by another account");
        http.get("/api/addresses/res@addr.test", null).expectError(401, "API key");
    }

    @Test
    void twoAccountsRacingForOneAddressGet200And401NeverA400() throws Exception {
        for (int i = 0; i < 30; i++) {
            String path = "/api/addresses/race" + i + "@race.test";
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            List<Integer> codes;
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var a = pool.submit(() -> { start.await(); return http.post(path, alice, null).status(); });
                var b = pool.submit(() -> { start.await(); return http.post(path, bob, null).status(); });
                codes = List.of(a.get(), b.get());
            }
            assertThat(codes).as(path).containsExactlyInAnyOrder(200, 401);
        }
    }

    @Test
    void theListHoldsOnlyTheCallersAddresses() {
        String carol = server.createAccount("carol");
        http.post("/api/addresses/b@list.test", carol, null).expect(200);
        http.post("/api/addresses/a@list.test", carol, null).expect(200);
        http.post("/api/addresses/c@list.test", bob, null).expect(200);
        assertThat(Http.ids(http.get("/api/addresses", carol).expect(200))).containsExactly("a@list.test", "b@list.test");
        http.get("/api/addresses", null).expectError(401, "API key");
    }

    @Test
    void anUnownedAddressHasNoOwnerAndADomainsAddressIsImplicitlyItsOwners() {
        assertThat(http.get("/api/addresses/free@get.test", null).expect(200)).isEqualTo(TestMailbin.JSON.readTree(
                "{\"_id\":\"free@get.test\",\"enabledws\":false,\"enablews\":false,\"implicit\":false}"));
        String dora = server.createAccount("dora");
        http.post("/api/domains/implicit.test", dora, "{}").expect(200);
        JsonNode implicit = http.get("/api/addresses/anyone@implicit.test", dora).expect(200);
        assertThat(implicit.get("implicit").asBoolean()).isTrue();
        assertThat(implicit.get("owner").asString()).isEqualTo("dora");
        http.get("/api/addresses/anyone@implicit.test", bob).expectError(401, "owned by another account");
        http.get("/api/addresses/anyone@implicit.test", null).expect(401);
    }

    @Test
    void updatingSetsAndClearsEverySettingThroughBothPaths() {
        http.post("/api/addresses/conf@update.test", alice, null).expect(200);
        JsonNode set = http.put("/api/addresses/conf@update.test", alice, "{\"info\":\"for CI\","
                + "\"forward\":\"Dest@Elsewhere.test\",\"enablews\":true,\"webhook\":\"https://hooks.example.test/in\","
                + "\"webhookSlack\":\"https://hooks.slack.test/services/T/B/X\",\"webhookSlackToFrom\":true}").expect(200);
        assertThat(set.get("info").asString()).isEqualTo("for CI");
        assertThat(set.get("forward").asString()).isEqualTo("dest@elsewhere.test");
        assertThat(set.get("enabledws").asBoolean()).isTrue();
        assertThat(set.get("enablews").asBoolean()).isTrue();
        assertThat(set.get("webhook").asString()).isEqualTo("https://hooks.example.test/in");
        assertThat(set.get("webhookSlack").asString()).isEqualTo("https://hooks.slack.test/services/T/B/X");
        assertThat(set.get("webhookSlackToFrom").asBoolean()).isTrue();
        assertThat(http.get("/api/addresses/conf@update.test", alice).expect(200)).isEqualTo(set);

        // the documented twin; "" and null clear, enabledws is read as well as enablews, the rest stays
        JsonNode cleared = http.put("/api/private-address-forwarding/conf@update.test", alice,
                "{\"info\":\"\",\"forward\":null,\"enabledws\":false,\"webhook\":\"\"}").expect(200);
        for (String gone : List.of("info", "forward", "webhook")) {
            assertThat(cleared.has(gone)).as(gone).isFalse();
        }
        assertThat(cleared.get("enabledws").asBoolean()).isFalse();
        assertThat(cleared.get("enablews").asBoolean()).isFalse();
        assertThat(cleared.get("webhookSlack").asString()).isEqualTo("https://hooks.slack.test/services/T/B/X");
        assertThat(cleared.get("webhookSlackToFrom").asBoolean()).isTrue();
        assertThat(cleared.get("encryptedInbox")).isEqualTo(set.get("encryptedInbox"));
        assertThat(http.get("/api/addresses/conf@update.test", alice).expect(200)).isEqualTo(cleared);

        // a forwarding target is any mailbox, +tag included
        assertThat(http.put("/api/addresses/conf@update.test", alice, "{\"forward\":\"Dev+CI@Example.test\"}").expect(200)
                .get("forward").asString()).isEqualTo("dev+ci@example.test");
        cleared = http.put("/api/addresses/conf@update.test", alice, "{\"forward\":\"\"}").expect(200);

        http.put("/api/addresses/conf@update.test", bob, "{\"info\":\"mine\"}").expectError(401, "owned by another account");
        http.put("/api/private-address-forwarding/conf@update.test", null, "{\"info\":\"x\"}").expect(401);
        http.put("/api/addresses/unreserved@update.test", alice, "{\"info\":\"x\"}").expectError(400, "is not reserved");
        assertThat(http.get("/api/addresses/conf@update.test", alice).expect(200)).isEqualTo(cleared);
    }

    @Test
    void releasingAnswersACopyAndReleasingAgainIsRefused() {
        JsonNode reserved = http.post("/api/addresses/gone@release.test", alice, "{\"info\":\"temp\"}").expect(200);
        http.delete("/api/addresses/gone@release.test", bob).expectError(401, "owned by another account");
        http.delete("/api/addresses/gone@release.test", null).expect(401);
        assertThat(http.delete("/api/addresses/gone@release.test", alice).expect(200)).isEqualTo(reserved);
        http.delete("/api/addresses/gone@release.test", alice).expectError(400, "is not reserved");
        assertThat(http.get("/api/addresses/gone@release.test", null).expect(200).has("owner")).isFalse();
    }

    @Test
    void releasedMailStaysPrivateUnlessDeletedWithTheAddress() {
        http.post("/api/addresses/keep@private.test", alice, null).expect(200);
        http.post("/api/addresses/drop@private.test", alice, null).expect(200);
        Http.deliver(server, "while reserved", "keep@private.test", "drop@private.test");
        String kept = Http.ids(http.get("/api/addresses/keep@private.test/messages", alice).expect(200)).getFirst();
        String dropped = Http.ids(http.get("/api/addresses/drop@private.test/messages", alice).expect(200)).getFirst();

        http.delete("/api/addresses/keep@private.test?deleteAddressMessages=false", alice).expect(200);
        http.delete("/api/addresses/drop@private.test?deleteAddressMessages=true", alice).expect(200);
        Http.deliver(server, "after release", "keep@private.test");
        String later = Http.ids(http.get("/api/addresses/keep@private.test/messages", null).expect(200)).getFirst();

        // the inbox is public again, but what arrived while it was reserved is not, even for its next owner
        seesOnly(null, later, kept);
        seesOnly(bob, later, kept);
        http.post("/api/addresses/keep@private.test", bob, null).expect(200);
        seesOnly(bob, later, kept);
        assertThat(http.get("/api/addresses/keep@private.test/messages/" + kept, alice).expect(200).get("subject").asString())
                .isEqualTo("while reserved");
        http.get("/api/addresses/drop@private.test/messages/" + dropped, alice).expect(404);
    }

    /** With {@code key}, keep@private.test lists and counts only {@code visible}, and {@code hidden} is refused. */
    private static void seesOnly(String key, String visible, String hidden) {
        assertThat(Http.ids(http.get("/api/addresses/keep@private.test/messages", key).expect(200))).containsExactly(visible);
        assertThat(http.get("/api/addresses/keep@private.test/message-count", key).expect(200).get("count").asLong()).isEqualTo(1);
        http.get("/api/addresses/keep@private.test/messages/" + hidden, key).expectError(401, "private");
        http.get("/api/raw/keep@private.test/" + hidden, key).expectError(401, "private");
        http.get("/api/text/keep@private.test/" + hidden, key).expectError(401, "private");
    }

    @Test
    void availabilitySaysWhetherAnyoneOwnsTheAddress() {
        http.post("/api/addresses/taken@avail.test", bob, null).expect(200);
        http.post("/api/domains/avail-domain.test", bob, "{}").expect(200);
        assertThat(http.get("/api/addresses/Taken@avail.test/availability", alice).expect(200)).isEqualTo(TestMailbin.JSON
                .readTree("{\"available\":false,\"email\":\"taken@avail.test\",\"owned\":true}"));
        assertThat(http.get("/api/addresses/free@avail.test/availability", null).expect(200)).isEqualTo(TestMailbin.JSON
                .readTree("{\"available\":true,\"email\":\"free@avail.test\",\"owned\":false}"));
        assertThat(http.get("/api/addresses/x@avail-domain.test/availability", alice).expect(200).get("owned").asBoolean())
                .isTrue();
    }

    @Test
    void bulkReservationIsAllOrNothing() {
        JsonNode three = http.post("/api/private-addresses-bulk", alice,
                "{\"addresses\":[\"one@bulk.test\",\"Two@bulk.test\",\"three@bulk.test\"]}").expect(200);
        assertThat(Http.ids(three)).containsExactly("one@bulk.test", "two@bulk.test", "three@bulk.test");
        assertThat(three.valueStream().map(a -> a.get("owner").asString())).containsOnly("alice");

        List<String> tooMany = IntStream.rangeClosed(1, 101).mapToObj(i -> "\"many" + i + "@bulk.test\"").toList();
        http.post("/api/private-addresses-bulk", alice, "{\"addresses\":[" + String.join(",", tooMany) + "]}")
                .expectError(400, "at most 100 addresses per request, got 101");
        http.post("/api/addresses/bobs@bulk.test", bob, null).expect(200);
        http.post("/api/private-addresses-bulk", alice, "{\"addresses\":[\"new1@bulk.test\",\"bobs@bulk.test\"]}")
                .expectError(401, "owned by another account");
        http.post("/api/private-addresses-bulk", alice, "{\"addresses\":[\"new2@bulk.test\",\"one@bulk.test\"]}")
                .expectError(400, "already reserved by your account");
        http.post("/api/private-addresses-bulk", alice, "{\"addresses\":[\"new3@bulk.test\",\"a*b@bulk.test\"]}")
                .expectError(400, "'*' may only stand alone");
        http.post("/api/private-addresses-bulk", alice, "{\"addresses\":\"new4@bulk.test\"}").expectError(400, "addresses");
        for (String never : List.of("many1", "many101", "new1", "new2", "new3", "new4")) {
            assertThat(http.get("/api/addresses/" + never + "@bulk.test/availability", null).expect(200).get("available")
                    .asBoolean()).as(never).isTrue();
        }
        assertThat(Http.ids(http.get("/api/addresses", alice).expect(200)).stream().filter(a -> a.endsWith("@bulk.test")))
                .containsExactly("one@bulk.test", "three@bulk.test", "two@bulk.test");
    }

    @Test
    void mailToTheEncryptedInboxLandsInTheAddressInbox() {
        String alias = http.post("/api/addresses/secret@alias.test", alice, null).expect(200).get("encryptedInbox").asString();
        Http.deliver(server, "via the alias", alias);
        JsonNode list = http.get("/api/addresses/secret@alias.test/messages", alice).expect(200);
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("inbox").asString()).isEqualTo("secret@alias.test");
        assertThat(list.get(0).get("originalInbox").asString()).isEqualTo(alias);
        assertThat(Http.ids(http.get("/api/addresses/" + alias + "/messages", alice).expect(200))).isEqualTo(Http.ids(list));
        http.get("/api/addresses/" + alias + "/messages", null).expect(401);
        http.get("/api/addresses/secret@alias.test/messages", bob).expect(403);
        http.put("/api/addresses/secret@alias.test", alice, "{\"forward\":\"" + alias + "\"}")
                .expectError(400, "forward must not point at secret@alias.test itself");
    }

    @Test
    void badInputIsA400ThatSaysWhyAndChangesNothing() {
        List<String[]> addresses = new ArrayList<>();
        addresses.add(new String[] {"not-an-address", "expected local-part@domain"});
        addresses.add(new String[] {"a*b@bad.test", "'*' may only stand alone"});
        addresses.add(new String[] {"a@*.test", "character '*' not allowed in domain"});
        addresses.add(new String[] {"a+tag@bad.test", "has a +tag"});
        addresses.add(new String[] {"a@" + "x".repeat(64) + ".test", "domain label longer than 63 octets"});
        addresses.add(new String[] {"x".repeat(65) + "@bad.test", "local part longer than 64 octets"});
        for (String[] bad : addresses) {
            http.post("/api/addresses/" + bad[0], alice, null).expectError(400, bad[1]);
            http.get("/api/addresses/" + bad[0], alice).expectError(400, bad[1]);
        }
        String[][] bodies = {
                {"{\"info\":", "request body is not valid JSON"},
                {"[\"info\"]", "request body must be a JSON object"},
                {"{\"info\":5}", "info must be a string or null"},
                {"{\"enablews\":\"yes\"}", "enablews must be true or false"},
                {"{\"webhookSlackToFrom\":1}", "webhookSlackToFrom must be true or false"},
                {"{\"webhook\":\"ftp://hooks.example.test/in\"}", "webhook must be an http(s) URL"},
                {"{\"webhookSlack\":\"not a url\"}", "webhookSlack must be an http(s) URL"},
                {"{\"forward\":\"Checked@Bad.test\"}", "forward must not point at checked@bad.test itself"},
                {"{\"forward\":\"checked+loop@bad.test\"}", "forward must not point at checked@bad.test itself"},
                {"{\"forward\":\"*@bad.test\"}", "forward must be a mailbox"},
                {"{\"forward\":\"nowhere\"}", "expected local-part@domain"},
                {"{\"info\":\"" + "i".repeat(1025) + "\"}", "info is limited to 1024 characters"}};
        for (String[] bad : bodies) {
            http.post("/api/addresses/checked@bad.test", alice, bad[0]).expectError(400, bad[1]);
        }
        assertThat(http.get("/api/addresses/checked@bad.test/availability", null).expect(200).get("available").asBoolean())
                .isTrue();
        JsonNode before = http.post("/api/addresses/checked@bad.test", alice, "{\"info\":\"original\"}").expect(200);
        for (String[] bad : bodies) {
            http.put("/api/addresses/checked@bad.test", alice, bad[0]).expectError(400, bad[1]);
        }
        assertThat(http.get("/api/addresses/checked@bad.test", alice).expect(200)).isEqualTo(before);
    }
}
