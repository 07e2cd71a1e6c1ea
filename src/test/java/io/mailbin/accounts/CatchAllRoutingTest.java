package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.account.Caller;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed changelog's routing example, end to end over SMTP and HTTP: with {@code *@domain.test} and
 * {@code private@domain.test} reserved, mail to the private address is saved only there while both
 * addresses' forwarding fires; mail to any other address of the domain lands in the catch-all inbox and
 * is still found under the address it was sent to.
 */
class CatchAllRoutingTest {
    static TestMailbin server;
    static String ownerKey;

    @BeforeAll
    static void start() {
        server = TestMailbin.start();
        ownerKey = server.createAccount("owner");
        server.mailbin().accounts().domains().add(new Caller(null, true), "domain.test", "owner", false, true);
        reserve("*@domain.test", "{\"webhook\":\"https://hooks.test/catch-all\",\"enablews\":true}");
        reserve("private@domain.test", "{\"webhook\":\"https://hooks.test/private\",\"webhookSlack\":\"https://slack.test/p\",\"forward\":\"copy@elsewhere.test\"}");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static void reserve(String address, String json) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/addresses/" + address)))
                .header("Mailsac-Key", ownerKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode get(String path) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Mailsac-Key", ownerKey).build());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return TestMailbin.JSON.readTree(r.body());
    }

    /** The id of the message with this subject in the inbox (fails unless exactly one). */
    private static String idOf(String inbox, String subject) {
        List<String> ids = new java.util.ArrayList<>();
        get("/api/addresses/" + inbox + "/messages?limit=1000").forEach(m -> {
            if (m.get("subject").asString().equals(subject)) {
                ids.add(m.get("_id").asString());
            }
        });
        assertThat(ids).as("messages titled '" + subject + "' in " + inbox).hasSize(1);
        return ids.getFirst();
    }

    private static void send(List<String> to, String subject) {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO sender.test", 250);
            assertThat(d.sendMessage("s@sender.test", to, "Subject: " + subject + "\r\n\r\nbody\r\n").code()).isEqualTo(250);
        }
    }

    @Test
    void mailToAReservedAddressInsideACatchAllDomainIsSavedOnlyThereAndFiresBothTargets() {
        long catchAllBefore = get("/api/addresses/*@domain.test/message-count").get("count").asLong();
        send(List.of("private@domain.test"), "to the private address");
        JsonNode meta = get("/api/addresses/private@domain.test/messages/" + idOf("private@domain.test", "to the private address"));
        assertThat(meta.get("inbox").asString()).isEqualTo("private@domain.test");
        assertThat(meta.at("/route/kind").asString()).isEqualTo("reserved");
        assertThat(meta.at("/route/owner").asString()).isEqualTo("owner");
        JsonNode targets = meta.at("/route/targets");
        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).get("address").asString()).isEqualTo("private@domain.test");
        assertThat(targets.get(0).get("webhook").asString()).isEqualTo("https://hooks.test/private");
        assertThat(targets.get(0).get("webhookSlack").asString()).isEqualTo("https://slack.test/p");
        assertThat(targets.get(0).get("forward").asString()).isEqualTo("copy@elsewhere.test");
        assertThat(targets.get(1).get("address").asString()).isEqualTo("*@domain.test");
        assertThat(targets.get(1).get("webhook").asString()).isEqualTo("https://hooks.test/catch-all");
        assertThat(targets.get(1).get("websocket").asBoolean()).isTrue();
        assertThat(get("/api/addresses/*@domain.test/message-count").get("count").asLong())
                .as("nothing saved to the catch-all inbox").isEqualTo(catchAllBefore);
    }

    @Test
    void mailToAnUnreservedAddressLandsInTheCatchAllAndIsFoundUnderItsOwnAddress() {
        send(List.of("Someone.Else@Domain.test"), "to the catch-all");
        String id = idOf("*@domain.test", "to the catch-all");
        JsonNode underCatchAll = get("/api/addresses/*@domain.test/messages/" + id);
        assertThat(underCatchAll.get("inbox").asString()).isEqualTo("*@domain.test");
        assertThat(underCatchAll.get("originalInbox").asString()).isEqualTo("someone.else@domain.test");
        JsonNode underRecipient = get("/api/addresses/someone.else@domain.test/messages");
        assertThat(underRecipient).hasSize(1);
        assertThat(underRecipient.get(0).get("_id").asString()).isEqualTo(id);
        assertThat(get("/api/addresses/someone.else@domain.test/message-count").get("count").asLong()).isEqualTo(1);
        JsonNode meta = get("/api/addresses/someone.else@domain.test/messages/" + id);
        assertThat(meta.at("/route/kind").asString()).isEqualTo("catch-all");
        assertThat(meta.at("/route/targets")).hasSize(1);
        assertThat(meta.at("/route/targets/0/address").asString()).isEqualTo("*@domain.test");
    }

    @Test
    void anAddressOutsideEveryCustomDomainIsPublic() {
        send(List.of("anyone@public.test"), "public mail");
        HttpResponse<String> anonymous = server.get("/api/addresses/anyone@public.test/messages");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(TestMailbin.JSON.readTree(anonymous.body()).get(0).get("subject").asString()).isEqualTo("public mail");
        String id = TestMailbin.JSON.readTree(anonymous.body()).get(0).get("_id").asString();
        assertThat(server.json("/api/addresses/anyone@public.test/messages/" + id).has("route")).isFalse();
    }

    @Test
    void oneMessageToBothAddressesIsOneCopyInEach() {
        send(List.of("private@domain.test", "third@domain.test", "anyone2@public.test"), "to three");
        assertThat(get("/api/addresses/private@domain.test/messages").findValuesAsString("subject")).contains("to three");
        assertThat(get("/api/addresses/third@domain.test/messages").findValuesAsString("subject")).containsExactly("to three");
        assertThat(server.json("/api/addresses/anyone2@public.test/messages").findValuesAsString("subject")).containsExactly("to three");
    }

    @Test
    void theCatchAllsMailIsPrivateToTheDomainOwner() {
        send(List.of("hidden@domain.test"), "private catch-all mail");
        assertThat(server.get("/api/addresses/hidden@domain.test/messages").statusCode()).isEqualTo(401);
        String other = server.createAccount("someone-else");
        HttpResponse<String> wrongKey = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/addresses/hidden@domain.test/messages")))
                .header("Mailsac-Key", other).build());
        assertThat(wrongKey.statusCode()).isEqualTo(403);
        assertThat(wrongKey.body()).doesNotContain("private catch-all mail");
    }

    @Test
    void reservingAnAddressMakesTheMailAlreadyThereItsOwnersAlone() {
        send(List.of("claimed@public-first.test"), "sent while public");
        String id = server.json("/api/addresses/claimed@public-first.test/messages").get(0).get("_id").asString();
        assertThat(server.get("/api/addresses/claimed@public-first.test/messages/" + id).statusCode()).isEqualTo(200);
        reserve("claimed@public-first.test", "{}");
        assertThat(server.get("/api/addresses/claimed@public-first.test/messages/" + id).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/raw/claimed@public-first.test/" + id).statusCode()).isEqualTo(401);
        JsonNode mine = get("/api/addresses/claimed@public-first.test/messages/" + id);
        assertThat(mine.get("subject").asString()).isEqualTo("sent while public");
    }
}
