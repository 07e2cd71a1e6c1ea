package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What readers do to a message (the spec's star, labels, folder and read endpoints), on private mail and
 * on public mail, and who may do it. Each test sends its own mail to its own address.
 */
class MessageActionsTest {
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

    /** Reserves {@code address} for alice, sends it one message and returns the message's id. */
    private static String privateMessage(String address) {
        http.post("/api/addresses/" + address, alice, null).expect(200);
        return publicMessage(address, alice);
    }

    private static String publicMessage(String address, String key) {
        Http.deliver(server, "for " + address, address);
        return Http.ids(http.get("/api/addresses/" + address + "/messages", key).expect(200)).getFirst();
    }

    private static String path(String address, String id) {
        return "/api/addresses/" + address + "/messages/" + id;
    }

    @Test
    void starTogglesAndStarredMailSurvivesDeletingTheInbox() {
        String id = privateMessage("star@private.test");
        Http.deliver(server, "unstarred", "star@private.test");
        JsonNode starred = http.put(path("star@private.test", id) + "/star", alice, null).expect(200);
        assertThat(starred.get("_id").asString()).isEqualTo(id);
        assertThat(starred.get("savedBy").asString()).isEqualTo("alice");
        assertThat(Http.ids(http.get("/api/addresses/starred/messages", alice).expect(200))).containsExactly(id);
        assertThat(http.get(path("star@private.test", id), alice).expect(200).get("savedBy").asString()).isEqualTo("alice");

        assertThat(http.delete("/api/addresses/star@private.test/messages", alice).status()).isEqualTo(204);
        assertThat(Http.ids(http.get("/api/addresses/star@private.test/messages", alice).expect(200))).containsExactly(id);

        assertThat(http.put(path("star@private.test", id) + "/star", alice, null).expect(200).get("savedBy").isNull()).isTrue();
        assertThat(http.get("/api/addresses/starred/messages", alice).expect(200)).isEmpty();
        assertThat(http.delete("/api/addresses/star@private.test/messages", alice).status()).isEqualTo(204);
        assertThat(http.get("/api/addresses/star@private.test/messages", alice).expect(200)).isEmpty();
    }

    @Test
    void starringAPublicMessageKeepsItForThatAccountOnlyUntilUnstarred() {
        String id = publicMessage("shared@public.test", null);
        http.put(path("shared@public.test", id) + "/star", null, null).expectError(401, "send an API key");
        assertThat(http.put(path("shared@public.test", id) + "/star", alice, null).expect(200).get("savedBy").asString())
                .isEqualTo("alice");

        for (String key : new String[] {null, bob}) {
            assertThat(http.get("/api/addresses/shared@public.test/messages", key).expect(200)).isEmpty();
            assertThat(http.get("/api/addresses/shared@public.test/message-count", key).expect(200).get("count").asInt()).isZero();
            http.get(path("shared@public.test", id), key).expectError(401, "private");
            http.get("/api/raw/shared@public.test/" + id, key).expect(401);
            http.put(path("shared@public.test", id) + "/star", key, null).expect(401);
        }
        http.delete("/api/addresses/shared@public.test/messages", bob).expect(204);
        assertThat(Http.ids(http.get("/api/addresses/shared@public.test/messages", alice).expect(200))).containsExactly(id);
        assertThat(Http.ids(http.get("/api/addresses/starred/messages", alice).expect(200))).containsExactly(id);
        assertThat(http.get("/api/addresses/starred/messages", bob).expect(200)).isEmpty();
        http.get("/api/addresses/starred/messages", null).expectError(401, "API key");

        assertThat(http.put(path("shared@public.test", id) + "/star", alice, null).expect(200).get("savedBy").isNull()).isTrue();
        assertThat(Http.ids(http.get("/api/addresses/shared@public.test/messages", null).expect(200))).containsExactly(id);
        assertThat(http.get(path("shared@public.test", id), bob).expect(200).get("savedBy").isNull()).isTrue();
    }

    @Test
    void labelsAreAddedAndRemovedIdempotently() {
        String id = privateMessage("labels@private.test");
        String labels = path("labels@private.test", id) + "/labels/";
        assertThat(http.put(labels + "urgent", alice, null).expect(200)).isEqualTo(
                TestMailbin.JSON.readTree("{\"_id\":\"" + id + "\",\"labels\":[\"urgent\"]}"));
        assertThat(http.put(labels + "urgent", alice, null).expect(200).get("labels")).containsExactly(text("urgent"));
        assertThat(http.put(labels + "later", alice, null).expect(200).get("labels")).containsExactly(text("urgent"), text("later"));
        assertThat(http.delete(labels + "urgent", alice).expect(200).get("labels")).containsExactly(text("later"));
        assertThat(http.delete(labels + "urgent", alice).expect(200)).isEqualTo(
                TestMailbin.JSON.readTree("{\"_id\":\"" + id + "\",\"labels\":[\"later\"]}"));
        assertThat(http.get(path("labels@private.test", id), alice).expect(200).get("labels")).containsExactly(text("later"));

        http.put(labels + "x".repeat(101), alice, null).expectError(400, "a label is 1 to 100 characters");
        assertThat(http.put(labels + "x".repeat(100), alice, null).expect(200).get("labels")).hasSize(2);
        http.put(labels + "tag", alice, null).expect(200);
        http.put(path("labels@private.test", "no-such-id") + "/labels/tag", alice, null).expect(404);
    }

    @Test
    void aMessageMovesAmongTheFourFoldersOnly() {
        String id = privateMessage("folders@private.test");
        for (String folder : List.of("spam", "trash", "all", "inbox", "trash")) {
            assertThat(http.put(path("folders@private.test", id) + "/folder/" + folder, alice, null).expect(200)).isEqualTo(
                    TestMailbin.JSON.readTree("{\"_id\":\"" + id + "\",\"folder\":\"" + folder + "\"}"));
        }
        http.put(path("folders@private.test", id) + "/folder/archive", alice, null)
                .expectError(400, "folder must be one of inbox, all, spam, trash; got 'archive'");
        assertThat(http.get(path("folders@private.test", id), alice).expect(200).get("folder").asString()).isEqualTo("trash");
    }

    @Test
    void readAndUnread() {
        String id = privateMessage("read@private.test");
        assertThat(http.get(path("read@private.test", id), alice).expect(200).get("read").asBoolean()).isFalse();
        assertThat(http.put(path("read@private.test", id) + "/read/true", alice, null).expect(200)).isEqualTo(
                TestMailbin.JSON.readTree("{\"_id\":\"" + id + "\",\"read\":true}"));
        assertThat(http.get(path("read@private.test", id), alice).expect(200).get("read").asBoolean()).isTrue();
        assertThat(http.put(path("read@private.test", id) + "/read/false", alice, null).expect(200).get("read").asBoolean())
                .isFalse();
        http.put(path("read@private.test", id) + "/read/maybe", alice, null).expectError(400, "read must be true or false");
        assertThat(http.get(path("read@private.test", id), alice).expect(200).get("read").asBoolean()).isFalse();
    }

    @Test
    void everyActionOnAPrivateMessageNeedsItsOwnersKey() {
        String id = privateMessage("guarded@private.test");
        JsonNode before = http.get(path("guarded@private.test", id), alice).expect(200);
        Http.deliver(server, "public neighbour", "open@public.test");
        List<String[]> actions = new ArrayList<>();
        for (String address : List.of("guarded@private.test", "open@public.test")) {
            String p = path(address, id);
            actions.add(new String[] {"PUT", p + "/star"});
            actions.add(new String[] {"PUT", p + "/labels/stolen"});
            actions.add(new String[] {"DELETE", p + "/labels/stolen"});
            actions.add(new String[] {"PUT", p + "/folder/trash"});
            actions.add(new String[] {"PUT", p + "/read/true"});
        }
        for (String[] action : actions) {
            // under its own address: 401 without the owner's key; under a public address: simply not there
            boolean own = action[1].contains("guarded@");
            Http.Reply anonymous = http.send(action[0], action[1], null, null);
            Http.Reply wrongKey = http.send(action[0], action[1], bob, null);
            anonymous.expect(own ? 401 : 404);
            wrongKey.expect(own ? 401 : 404);
            assertThat(anonymous.body() + wrongKey.body()).doesNotContain("for guarded@private.test");
        }
        assertThat(http.get(path("guarded@private.test", id), alice).expect(200)).isEqualTo(before);
    }

    private static tools.jackson.databind.node.StringNode text(String s) {
        return tools.jackson.databind.node.StringNode.valueOf(s);
    }
}
