package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The account's own views: {@code /api/me}, {@code /api/me/stats}, and every message the account owns or
 * starred through {@code /api/inbox}, {@code /api/inbox-filter} (AND) and {@code /api/inbox-search} (OR).
 * Each test uses a fresh account, so its totals and listings are exact.
 */
class AccountViewsTest {
    static final String OPERATOR = "operator-key-for-views-test";
    static TestMailbin server;
    static Http http;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.adminKey(OPERATOR));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void meSaysWhoTheKeyBelongsTo() {
        String key = server.createAccount("me");
        JsonNode me = http.get("/api/me", key).expect(200);
        assertThat(me.get("_id").asString()).isEqualTo("me");
        assertThat(me.get("messageLimit").asInt()).isEqualTo(10_000);
        assertThat(me.get("operator").asBoolean()).isFalse();
        assertThat(me.get("created").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(http.get("/api/me", OPERATOR).expect(200)).isEqualTo(
                TestMailbin.JSON.readTree("{\"_id\":\"operator\",\"operator\":true}"));
        assertThat(http.get("/api/me?overrideAccountId=me", OPERATOR).expect(200)).isEqualTo(me);
        http.get("/api/me", null).expectError(401, "API key");
        http.get("/api/me?overrideAccountId=me", server.createAccount("nosy")).expectError(403, "overrideAccountId");
    }

    @Test
    void statsCountTheAccountsAddressesDomainsAndMail() {
        String key = server.createAccount("counter");
        http.post("/api/addresses/b@stats.test", key, null).expect(200);
        http.post("/api/addresses/a@stats.test", key, null).expect(200);
        http.post("/api/domains/stats-domain.test", key, "{}").expect(200);
        Http.deliver(server, "public, starred", "open@stats-public.test");
        String open = Http.ids(http.get("/api/addresses/open@stats-public.test/messages", null).expect(200)).getFirst();
        http.put("/api/addresses/open@stats-public.test/messages/" + open + "/star", key, null).expect(200);
        Http.deliver(server, "to a", "a@stats.test");
        Http.deliver(server, "to b and the domain", "b@stats.test", "z@stats-domain.test");

        long bytes = 0;
        for (String address : List.of("a@stats.test", "b@stats.test", "z@stats-domain.test")) {
            bytes += http.get("/api/addresses/" + address + "/messages", key).expect(200).get(0).get("size").asLong();
        }
        JsonNode expected = TestMailbin.JSON.readTree("{\"addresses\":[\"a@stats.test\",\"b@stats.test\"],"
                + "\"domains\":[\"stats-domain.test\"],\"starredMessages\":1,\"storedMessages\":3,\"inboxBytes\":" + bytes + "}");
        assertThat(http.get("/api/me/stats", key).expect(200)).isEqualTo(expected);
        assertThat(http.get("/api/me/stats?overrideAccountId=counter", OPERATOR).expect(200)).isEqualTo(expected);

        http.get("/api/me/stats?overrideAccountId=counter", server.createAccount("snoop")).expectError(403, "operator");
        http.get("/api/me/stats?overrideAccountId=nobody", OPERATOR).expectError(404, "no account named 'nobody'");
        http.get("/api/me/stats", OPERATOR).expectError(401, "pass overrideAccountId");
        http.get("/api/me/stats", null).expectError(401, "API key");
    }

    @Test
    void theInboxPagesEverythingTheAccountOwnsOrStarred() {
        String key = server.createAccount("pager");
        http.post("/api/domains/inbox.test", key, "{}").expect(200);
        Http.deliver(server, "starred public", "open@inbox-public.test");
        String starred = Http.ids(http.get("/api/addresses/open@inbox-public.test/messages", null).expect(200)).getFirst();
        http.put("/api/addresses/open@inbox-public.test/messages/" + starred + "/star", key, null).expect(200);
        for (int i = 1; i <= 5; i++) {
            Http.deliver(server, "i" + i, "box" + i + "@inbox.test");
        }
        Http.deliver(server, "someone else's", "open@inbox-public.test");

        JsonNode all = http.get("/api/inbox", key).expect(200);
        assertThat(subjects(all.get("messages"))).containsExactly("i5", "i4", "i3", "i2", "i1", "starred public");
        assertThat(all.get("unread").asInt()).isEqualTo(6);
        assertThat(all.get("limit").asInt()).isEqualTo(20);
        assertThat(all.get("skip").asInt()).isZero();
        assertThat(subjects(http.get("/api/inbox?limit=2", key).expect(200).get("messages"))).containsExactly("i5", "i4");
        JsonNode page = http.get("/api/inbox?limit=2&skip=2", key).expect(200);
        assertThat(subjects(page.get("messages"))).containsExactly("i3", "i2");
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("skip").asInt()).isEqualTo(2);
        assertThat(subjects(http.get("/api/inbox?limit=2&skip=4", key).expect(200).get("messages")))
                .containsExactly("i1", "starred public");
        String since = all.get("messages").get(3).get("received").asString();
        assertThat(subjects(http.get("/api/inbox?since=" + since, key).expect(200).get("messages")))
                .containsExactly("i5", "i4", "i3");

        String newest = all.get("messages").get(0).get("_id").asString();
        http.put("/api/addresses/box5@inbox.test/messages/" + newest + "/read/true", key, null).expect(200);
        assertThat(http.get("/api/inbox?limit=1", key).expect(200).get("unread").asInt()).isEqualTo(5);
        assertThat(http.get("/api/inbox?overrideAccountId=pager", OPERATOR).expect(200).get("messages"))
                .isEqualTo(http.get("/api/inbox", key).expect(200).get("messages"));
        http.get("/api/inbox", null).expectError(401, "API key");
        http.get("/api/inbox?skip=-1", key).expectError(400, "skip must be at least 0");
        http.get("/api/inbox?since=yesterday", key).expectError(400, "since must be an ISO-8601 date");
    }

    @Test
    void theFilterIsAnAndOfItsConditionsAndTheSearchAnOr() {
        String key = server.createAccount("finder");
        http.post("/api/domains/find.test", key, "{}").expect(200);
        Http.deliverFrom(server, "Ann <ann@sender.test>", "Invoice 1", "x@find.test");
        Http.deliverFrom(server, "Bob <bob@sender.test>", "Invoice 2", "y@find.test");
        Http.deliverFrom(server, "Ann <ann@sender.test>", "Welcome Bob", "y@find.test");
        Http.deliverFrom(server, "Ann <ann@sender.test>", "Invoice 3 (not this account's)", "y@find-public.test");
        String welcome = Http.ids(http.get("/api/addresses/y@find.test/messages", key).expect(200)).getFirst();
        http.put("/api/addresses/y@find.test/messages/" + welcome + "/read/true", key, null).expect(200);

        assertThat(filter(key, "andSubjectIncludes=INVOICE")).containsExactly("Invoice 2", "Invoice 1");
        assertThat(filter(key, "andFrom=ann")).containsExactly("Welcome Bob", "Invoice 1");
        assertThat(filter(key, "andFrom=ann&andSubjectIncludes=invoice")).containsExactly("Invoice 1");
        assertThat(filter(key, "andTo=y@find.test")).containsExactly("Welcome Bob", "Invoice 2");
        assertThat(filter(key, "andTo=y@find.test&andFrom=bob@sender.test")).containsExactly("Invoice 2");
        assertThat(filter(key, "andRead=true")).containsExactly("Welcome Bob");
        assertThat(filter(key, "andRead=false&andFrom=ann")).containsExactly("Invoice 1");
        assertThat(filter(key, "andSubjectIncludes=invoice&andTo=nobody@find.test")).isEmpty();
        Http.deliver(server, "Über uns", "z@find.test");
        assertThat(filter(key, "andSubjectIncludes=%C3%9Cber")).as("a subject's own spelling always matches")
                .containsExactly("Über uns");
        http.get("/api/inbox-filter", key).expectError(400, "give at least one of");
        http.get("/api/inbox-filter?andRead=maybe", key).expectError(400, "andRead must be true or false");
        http.get("/api/inbox-filter?andFrom=ann", null).expectError(401, "API key");

        JsonNode search = http.get("/api/inbox-search?query=bob", key).expect(200);
        assertThat(search.get("query").asString()).isEqualTo("bob");
        assertThat(subjects(search.get("messages"))).containsExactly("Welcome Bob", "Invoice 2");
        assertThat(subjects(http.get("/api/inbox-search?query=x@find.test", key).expect(200).get("messages")))
                .containsExactly("Invoice 1");
        assertThat(subjects(http.get("/api/inbox-search?query=invoice", key).expect(200).get("messages")))
                .containsExactly("Invoice 2", "Invoice 1");
        http.get("/api/inbox-search", key).expectError(400, "query is required");
        http.get("/api/inbox-search?query=bob", null).expectError(401, "API key");
    }

    @Test
    void filterAndSearchReturnAtMost100Messages() {
        String key = server.createAccount("hoarder");
        http.post("/api/domains/hundred.test", key, "{}").expect(200);
        for (int batch = 0; batch < 2; batch++) {
            int first = batch * 60;
            Http.deliver(server, "bulk " + batch, IntStream.range(first, first + 60)
                    .mapToObj(i -> "r" + i + "@hundred.test").toArray(String[]::new));
        }
        assertThat(http.get("/api/inbox?limit=1000", key).expect(200).get("messages").size()).isEqualTo(120);
        assertThat(http.get("/api/inbox-filter?andSubjectIncludes=bulk", key).expect(200).get("messages").size()).isEqualTo(100);
        assertThat(http.get("/api/inbox-filter?andTo=hundred.test", key).expect(200).get("messages").size()).isEqualTo(100);
        assertThat(http.get("/api/inbox-search?query=bulk", key).expect(200).get("messages").size()).isEqualTo(100);
    }

    private static List<String> filter(String key, String query) {
        return subjects(http.get("/api/inbox-filter?" + query, key).expect(200).get("messages"));
    }

    private static List<String> subjects(JsonNode messages) {
        return messages.valueStream().map(m -> m.get("subject").asString()).toList();
    }
}
