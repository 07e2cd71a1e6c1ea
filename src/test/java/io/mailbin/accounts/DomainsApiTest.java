package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Custom domains over HTTP: our documented POST/PUT/DELETE on {@code /api/domains/{domain}}, the spec's
 * list, get, domain mail and delete-all-domain-mail, and how a domain and its catch-all route mail
 * (DESIGN.md §2, including the seed changelog's example). Each test uses its own domain.
 */
class DomainsApiTest {
    static final String OPERATOR = "operator-key-for-domains-test";
    static TestMailbin server;
    static Http http;
    static String owner;
    static String other;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.adminKey(OPERATOR).publicDomains(List.of("shared.test")));
        http = new Http(server);
        owner = server.createAccount("owner");
        other = server.createAccount("other");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void anAccountAddsReadsUpdatesAndDeletesItsDomain() {
        String dana = server.createAccount("dana");
        JsonNode added = http.post("/api/domains/CRUD.test", dana, "{}").expect(200);
        assertThat(added.get("_id").asString()).isEqualTo("crud.test");
        assertThat(added.get("owner").asString()).isEqualTo("dana");
        assertThat(added.get("isPrivate").asBoolean()).isTrue();
        assertThat(added.get("enablews").asBoolean()).isFalse();
        assertThat(added.get("verified").asBoolean()).isTrue();
        assertThat(added.get("verifiedMx").asBoolean()).isTrue();
        http.post("/api/domains/crud.test", dana, "{}").expectError(400, "already a domain of dana");
        http.post("/api/domains/crud.test", other, "{}").expectError(401, "owned by another account");

        assertThat(http.get("/api/domains", dana).expect(200)).containsExactly(added);
        assertThat(http.get("/api/domains/crud.test", dana).expect(200)).isEqualTo(TestMailbin.JSON.readTree(
                "{\"domain\":" + added + ",\"totalMessages\":0,\"catchAllAddress\":null}"));
        Http.deliver(server, "first", "a@crud.test");
        Http.deliver(server, "second", "b@crud.test", "c@crud.test");
        assertThat(http.get("/api/domains/crud.test", dana).expect(200).get("totalMessages").asInt()).isEqualTo(3);

        JsonNode updated = http.put("/api/domains/crud.test", dana, "{\"enablews\":true,\"isPrivate\":false}").expect(200);
        assertThat(updated.get("enablews").asBoolean()).isTrue();
        assertThat(updated.get("isPrivate").asBoolean()).isFalse();
        assertThat(updated.get("created")).isEqualTo(added.get("created"));
        assertThat(Instant.parse(updated.get("updated").asString())).isAfterOrEqualTo(Instant.parse(added.get("updated").asString()));
        JsonNode onlyWs = http.put("/api/domains/crud.test", dana, "{\"enablews\":false}").expect(200);
        assertThat(onlyWs.get("isPrivate").asBoolean()).as("a field left out is kept").isFalse();

        for (String key : new String[] {null, other}) {
            http.get("/api/domains/crud.test", key).expect(401);
            http.put("/api/domains/crud.test", key, "{\"isPrivate\":true}").expect(401);
            http.delete("/api/domains/crud.test", key).expect(401);
        }
        http.get("/api/domains", null).expectError(401, "API key");
        http.post("/api/domains/new.test", null, "{}").expectError(401, "API key");

        assertThat(http.delete("/api/domains/crud.test", dana).expect(200)).isEqualTo(onlyWs);
        http.get("/api/domains/crud.test", dana).expectError(404, "not a custom domain");
        assertThat(http.get("/api/domains", dana).expect(200)).isEmpty();
    }

    @Test
    void theOperatorAddsADomainForAnyAccount() {
        JsonNode d = http.post("/api/domains/ops.test", OPERATOR, "{\"owner\":\"owner\",\"enablews\":true}").expect(200);
        assertThat(d.get("owner").asString()).isEqualTo("owner");
        assertThat(d.get("enablews").asBoolean()).isTrue();
        assertThat(Http.ids(http.get("/api/domains", owner).expect(200))).contains("ops.test");
        http.post("/api/domains/ops2.test", OPERATOR, "{}").expectError(400, "must say which account owns the domain");
        http.post("/api/domains/ops2.test", OPERATOR, "{\"owner\":\"nobody\"}").expectError(404, "no account named 'nobody'");
        http.post("/api/domains/ops2.test", other, "{\"owner\":\"owner\"}").expectError(401, "only the operator");
        http.get("/api/domains/ops2.test", OPERATOR).expect(404);
    }

    @Test
    void noAccountMayOwnOneOfTheServersPublicDomains() {
        http.post("/api/domains/Shared.test", owner, "{}").expectError(400, "shared.test is one of this server's public domains");
        http.post("/api/domains/shared.test", OPERATOR, "{\"owner\":\"owner\"}").expectError(400, "public domains");
        http.get("/api/domains/shared.test", OPERATOR).expect(404);
        assertThat(http.post("/api/addresses/mine@shared.test", owner, null).expect(200).get("owner").asString())
                .isEqualTo("owner");
        Http.deliver(server, "still public", "anyone@shared.test");
        assertThat(http.get("/api/addresses/anyone@shared.test/messages", other).expect(200)).hasSize(1);
    }

    @Test
    void domainMailPagesWithUntilAndLimitForItsOwnerOnly() {
        http.post("/api/domains/paged.test", owner, "{}").expect(200);
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Http.deliver(server, "paged " + i, "user" + i + "@paged.test");
            sent.addFirst("paged " + i);
        }
        Http.deliver(server, "not this domain", "user1@unpaged.test");
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String until = null;
        do {
            JsonNode page = http.get("/api/domains/paged.test/messages?limit=2" + (until == null ? "" : "&until=" + until),
                    owner).expect(200);
            sizes.add(page.size());
            page.forEach(m -> seen.add(m.get("subject").asString()));
            until = page.isEmpty() ? null : page.get(page.size() - 1).get("received").asString();
        } while (until != null);
        assertThat(sizes).containsExactly(2, 2, 1, 0);
        assertThat(seen).containsExactlyElementsOf(sent);

        http.get("/api/domains/paged.test/messages", other).expectError(403, "owned by another account");
        http.get("/api/domains/paged.test/messages", null).expectError(401, "API key");
        http.get("/api/domains/unknown.test/messages", owner).expectError(404, "not a custom domain");
        http.get("/api/domains/bad_domain!/messages", owner).expectError(400, "not a valid domain");
        http.get("/api/domains/a@b.test", owner).expectError(400, "not a domain name");
        http.get("/api/domains/" + "x".repeat(64) + ".test", owner).expectError(400, "longer than 63");
    }

    @Test
    void deleteAllDomainMailTakesStarredMailToo() {
        http.post("/api/domains/purge.test", owner, "{}").expect(200);
        Http.deliver(server, "one", "a@purge.test");
        Http.deliver(server, "two", "b@purge.test");
        String starred = Http.ids(http.get("/api/addresses/a@purge.test/messages", owner).expect(200)).getFirst();
        http.put("/api/addresses/a@purge.test/messages/" + starred + "/star", owner, null).expect(200);
        http.post("/api/domains/purge.test/delete-all-domain-mail", other, null).expect(401);
        http.post("/api/domains/purge.test/delete-all-domain-mail", null, null).expect(401);
        assertThat(http.get("/api/domains/purge.test", owner).expect(200).get("totalMessages").asInt()).isEqualTo(2);
        assertThat(http.post("/api/domains/purge.test/delete-all-domain-mail", owner, null).status()).isEqualTo(204);
        assertThat(http.get("/api/domains/purge.test", owner).expect(200).get("totalMessages").asInt()).isZero();
        http.get("/api/addresses/a@purge.test/messages/" + starred, owner).expect(404);
    }

    @Test
    void everyAddressOfADomainIsItsOwnersAndPrivateUnlessTheDomainIsPublic() {
        http.post("/api/domains/owned.test", owner, "{}").expect(200);
        http.post("/api/addresses/mine@owned.test", other, null).expectError(401, "a domain owned by another account");
        http.post("/api/addresses/mine@owned.test", owner, null).expect(200);
        Http.deliver(server, "private", "anyone@owned.test");
        String id = Http.ids(http.get("/api/addresses/anyone@owned.test/messages", owner).expect(200)).getFirst();
        http.get("/api/addresses/anyone@owned.test/messages", null).expect(401);
        http.get("/api/addresses/anyone@owned.test/messages", other).expect(403);
        http.get("/api/raw/anyone@owned.test/" + id, null).expect(401);
        http.get("/api/raw/anyone@owned.test/" + id, other).expect(401);

        // made public, the domain's new mail is anyone's; what arrived while it was private stays private
        http.put("/api/domains/owned.test", owner, "{\"isPrivate\":false}").expect(200);
        Http.deliver(server, "after going public", "anyone@owned.test");
        JsonNode visible = http.get("/api/addresses/anyone@owned.test/messages", null).expect(200);
        assertThat(visible.valueStream().map(m -> m.get("subject").asString())).containsExactly("after going public");
        http.get("/api/raw/anyone@owned.test/" + id, other).expect(401);
        assertThat(http.get("/api/addresses/anyone@owned.test/messages", owner).expect(200)).hasSize(2);

        http.post("/api/domains/open.test", owner, "{\"isPrivate\":false}").expect(200);
        Http.deliver(server, "public", "anyone@open.test");
        String open = Http.ids(http.get("/api/addresses/anyone@open.test/messages", null).expect(200)).getFirst();
        Http.Reply text = http.get("/api/text/anyone@open.test/" + open, null);
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).isEqualTo("body of public\r\n");
    }

    @Test
    void deletingADomainKeepsItsMailPrivateUnlessAskedToDeleteIt() {
        http.post("/api/domains/kept.test", owner, "{}").expect(200);
        http.post("/api/domains/dropped.test", owner, "{}").expect(200);
        Http.deliver(server, "kept", "x@kept.test");
        Http.deliver(server, "dropped", "x@dropped.test");
        String kept = Http.ids(http.get("/api/addresses/x@kept.test/messages", owner).expect(200)).getFirst();
        String dropped = Http.ids(http.get("/api/addresses/x@dropped.test/messages", owner).expect(200)).getFirst();
        http.delete("/api/domains/kept.test", owner).expect(200);
        http.delete("/api/domains/dropped.test?deleteDomainMessages=true", owner).expect(200);

        assertThat(http.get("/api/addresses/x@kept.test/messages", null).expect(200)).isEmpty();
        assertThat(http.get("/api/addresses/x@kept.test/messages", other).expect(200)).isEmpty();
        http.get("/api/addresses/x@kept.test/messages/" + kept, null).expect(401);
        http.get("/api/addresses/x@kept.test/messages/" + kept, other).expect(401);
        assertThat(http.get("/api/addresses/x@kept.test/messages/" + kept, owner).expect(200).get("subject").asString())
                .isEqualTo("kept");
        http.get("/api/addresses/x@dropped.test/messages/" + dropped, owner).expect(404);
    }

    @Test
    void aCatchAllNeedsItsDomain() {
        http.post("/api/addresses/*@no-domain.test", owner, null).expectError(400, "a catch-all needs its domain");
        http.post("/api/domains/catch.test", owner, "{}").expect(200);
        http.post("/api/addresses/*@catch.test", other, null).expectError(401, "owned by another account");
        JsonNode catchAll = http.post("/api/addresses/*@catch.test", owner, null).expect(200);
        assertThat(catchAll.get("_id").asString()).isEqualTo("*@catch.test");
        assertThat(catchAll.get("catchAll").asString()).isEqualTo("catch.test");
        assertThat(http.get("/api/domains/catch.test", owner).expect(200).get("catchAllAddress")).isEqualTo(catchAll);
    }

    /** The seed changelog's example, with a webhook on each address so the recorded forwarding shows. */
    @Test
    void aReservedAddressInACatchAllDomainKeepsItsMailAndBothForwardingsFire() {
        http.post("/api/domains/seed.test", owner, "{}").expect(200);
        http.post("/api/addresses/*@seed.test", owner, "{\"webhook\":\"https://hooks.example.test/all\"}").expect(200);
        http.post("/api/addresses/private@seed.test", owner, "{\"webhook\":\"https://hooks.example.test/private\"}").expect(200);
        Http.deliver(server, "to private", "private@seed.test");
        Http.deliver(server, "to other", "other@seed.test");

        JsonNode toPrivate = http.get("/api/addresses/private@seed.test/messages", owner).expect(200);
        assertThat(toPrivate.size()).isEqualTo(1);
        JsonNode route = http.get("/api/addresses/private@seed.test/messages/" + toPrivate.get(0).get("_id").asString(),
                owner).expect(200).get("route");
        assertThat(route.get("kind").asString()).isEqualTo("reserved");
        assertThat(route.get("targets").valueStream().map(t -> t.get("address").asString() + " " + t.get("webhook").asString()))
                .containsExactly("private@seed.test https://hooks.example.test/private", "*@seed.test https://hooks.example.test/all");

        JsonNode toOther = http.get("/api/addresses/other@seed.test/messages", owner).expect(200);
        assertThat(toOther.size()).isEqualTo(1);
        assertThat(toOther.get(0).get("inbox").asString()).isEqualTo("*@seed.test");
        assertThat(toOther.get(0).get("originalInbox").asString()).isEqualTo("other@seed.test");
        assertThat(http.get("/api/addresses/other@seed.test/message-count", owner).expect(200).get("count").asInt()).isEqualTo(1);
        assertThat(Http.ids(http.get("/api/addresses/*@seed.test/messages", owner).expect(200))).isEqualTo(Http.ids(toOther));
        JsonNode otherRoute = http.get("/api/addresses/other@seed.test/messages/" + toOther.get(0).get("_id").asString(),
                owner).expect(200).get("route");
        assertThat(otherRoute.get("kind").asString()).isEqualTo("catch-all");
        assertThat(otherRoute.get("targets").valueStream().map(t -> t.get("address").asString())).containsExactly("*@seed.test");
    }

    @Test
    void oneMessageToSeveralCatchAllRecipientsIsFoundUnderEachOfThem() {
        http.post("/api/domains/many.test", owner, "{}").expect(200);
        http.post("/api/addresses/*@many.test", owner, null).expect(200);
        Http.deliver(server, "to both", "first@many.test", "second@many.test");
        for (String recipient : List.of("first@many.test", "second@many.test")) {
            JsonNode list = http.get("/api/addresses/" + recipient + "/messages", owner).expect(200);
            assertThat(list.size()).as(recipient).isEqualTo(1);
            assertThat(list.get(0).get("originalInbox").asString()).isEqualTo(recipient);
            assertThat(http.get("/api/addresses/" + recipient + "/message-count", owner).expect(200).get("count").asInt())
                    .isEqualTo(1);
        }
        assertThat(http.get("/api/addresses/*@many.test/messages", owner).expect(200).valueStream()
                .map(m -> m.get("originalInbox").asString())).containsExactlyInAnyOrder("first@many.test", "second@many.test");
    }
}
