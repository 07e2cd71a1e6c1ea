package io.mailbin.spamfilter;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every message gets a spam score at ingest; likely spam goes to the spam folder yet stays in every
 * listing; an account can turn the filter off; moving mail in and out of spam teaches the filter,
 * and what it learned survives a restart.
 */
class SpamAtIngestTest {
    static final String SPAM = "From: \"Best Deals\" <deals@cheap-meds.biz>\r\nSubject: FREE VIAGRA!!! Make $$$ fast - limited offer\r\n"
            + "Content-Type: text/html\r\n\r\n<html><body><font color=red size=5>CLICK HERE to claim your FREE money!!! "
            + "Guaranteed income, no credit check, lowest mortgage rates, cheap viagra, act now!!! "
            + "<a href=\"http://cheap-meds.biz/buy\">http://cheap-meds.biz/buy</a> Unsubscribe: remove me</font></body></html>\r\n";
    static final String HAM = "From: Alice <alice@team.test>\r\nSubject: Re: notes from the design review\r\n\r\n"
            + "Hi Bob,\r\n\r\nthanks for the review yesterday. I pushed the changes to the branch; the tests pass now.\r\n"
            + "Could you have another look at the retry logic before Friday?\r\n\r\nCheers,\r\nAlice\r\n";
    static Path data;
    static TestMailbin server;
    static Http http;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("mailbin-spam");
        server = TestMailbin.start(data, b -> b);
        http = new Http(server);
        key = server.createAccount("filtered");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    static JsonNode deliverAndRead(String to, String message, String keyOrNull) {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO sender.test", 250);
            assertThat(d.sendMessage("s@sender.test", List.of(to), message).code()).isEqualTo(250);
        }
        return http.get("/api/addresses/" + to + "/messages", keyOrNull).expect(200).get(0);
    }

    @Test
    void scoresSpreadAndLikelySpamIsFiledButStillListed() {
        JsonNode ham = deliverAndRead("reader@public.test", HAM, null);
        JsonNode spam = deliverAndRead("reader@public.test", SPAM, null);
        assertThat(ham.get("spam").asDouble()).isStrictlyBetween(0.0, 0.5);
        assertThat(ham.get("folder").asString()).isEqualTo("inbox");
        assertThat(spam.get("spam").asDouble()).isStrictlyBetween(0.5, 1.0);
        assertThat(spam.get("folder").asString()).isEqualTo("spam");
        JsonNode listed = http.get("/api/addresses/reader@public.test/messages", null).expect(200);
        assertThat(listed.findValuesAsString("folder")).contains("spam", "inbox");
    }

    @Test
    void anAccountThatTurnedTheFilterOffKeepsItsMailInTheInbox() {
        http.post("/api/addresses/nofilter@private.test", key, "{}").expect(200);
        JsonNode me = http.put("/api/me/settings", key, "{\"disableSpam\":true}").expect(200);
        assertThat(me.get("disableSpam").asBoolean()).isTrue();
        JsonNode spam = deliverAndRead("nofilter@private.test", SPAM, key);
        assertThat(spam.get("folder").asString()).isEqualTo("inbox");
        assertThat(spam.get("spam").asDouble()).isStrictlyBetween(0.5, 1.0);
        http.put("/api/me/settings", key, "{\"disableSpam\":false}").expect(200);
        assertThat(deliverAndRead("nofilter@private.test", SPAM, key).get("folder").asString()).isEqualTo("spam");
        http.put("/api/me/settings", key, "[]").expect(400);
    }

    @Test
    void movingMailIntoSpamTeachesTheFilterAndTheLessonSurvivesARestart() {
        String odd = "From: Quux <q@unseen.test>\r\nSubject: zorblax quintarine flembit\r\n\r\n"
                + "zorblax quintarine flembit vorpalish snarkle glimmerwick zorblax quintarine flembit\r\n";
        JsonNode before = deliverAndRead("learner@public.test", odd, null);
        double first = before.get("spam").asDouble();
        assertThat(before.get("folder").asString()).isEqualTo("inbox");
        http.put("/api/addresses/learner@public.test/messages/" + before.get("_id").asString() + "/folder/spam", null, null).expect(200);
        http.put("/api/addresses/learner@public.test/messages/" + before.get("_id").asString() + "/folder/spam", null, null).expect(200);
        JsonNode after = deliverAndRead("learner@public.test", odd, null);
        assertThat(after.get("spam").asDouble()).isGreaterThan(first).isGreaterThan(0.9);
        assertThat(after.get("folder").asString()).isEqualTo("spam");

        server.close();
        server = TestMailbin.start(data, b -> b);
        http = new Http(server);
        JsonNode afterRestart = deliverAndRead("learner@public.test", odd, null);
        assertThat(afterRestart.get("spam").asDouble()).isEqualTo(after.get("spam").asDouble());

        // out of spam again: the lesson is taken back, not doubled
        http.put("/api/addresses/learner@public.test/messages/" + before.get("_id").asString() + "/folder/inbox", null, null).expect(200);
        JsonNode corrected = deliverAndRead("learner@public.test", odd, null);
        assertThat(corrected.get("spam").asDouble()).isLessThan(0.5);
        assertThat(corrected.get("folder").asString()).isEqualTo("inbox");
    }
}
