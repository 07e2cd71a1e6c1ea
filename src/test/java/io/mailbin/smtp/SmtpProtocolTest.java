package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The SMTP dialogue verb by verb, over a real socket, with the exact replies a client sees. */
class SmtpProtocolTest {
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.maxMessageSize(64 * 1024).maxErrors(5).maxRecipients(3));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private SmtpDialog ehlo() {
        SmtpDialog d = SmtpDialog.open(server.smtpPort());
        d.send("EHLO client.test");
        d.expect(250);
        return d;
    }

    @Test
    void greetingAndEhloAdvertiseTheExtensions() {
        try (SmtpDialog d = new SmtpDialog(server.smtpPort())) {
            assertThat(d.expect(220).text()).startsWith("220 mailbin.test ESMTP");
            d.send("EHLO client.test");
            SmtpDialog.Reply r = d.expect(250);
            assertThat(r.lines()).containsExactly(
                    "250-mailbin.test greets client.test",
                    "250-PIPELINING",
                    "250-SIZE 65536",
                    "250-8BITMIME",
                    "250-SMTPUTF8",
                    "250-STARTTLS",
                    "250 ENHANCEDSTATUSCODES");
        }
    }

    @Test
    void heloWorksForOldClients() {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("HELO old.client", 250);
            assertThat(d.sendMessage("a@old.client", List.of("helo-user@example.com"), "Subject: hi\r\n\r\nbody").code())
                    .isEqualTo(250);
        }
    }

    @Test
    void sequenceErrorsHaveEnhancedCodes() {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.send("MAIL FROM:<a@b.test>");
            assertThat(d.expect(503).text()).startsWith("503 5.5.1");
            d.command("EHLO x", 250);
            d.send("RCPT TO:<a@b.test>");
            assertThat(d.expect(503).text()).contains("5.5.1 Need MAIL before RCPT");
        }
    }

    @Test
    void dataBeforeAnyAcceptedRecipientIs553() {
        try (SmtpDialog d = ehlo()) {
            d.send("DATA");
            assertThat(d.expect(553).text()).startsWith("553 5.5.1");
            d.command("MAIL FROM:<a@b.test>", 250);
            d.send("RCPT TO:<not an address>");
            assertThat(d.expect(553).text()).startsWith("553 5.1.3");
            d.send("DATA");
            d.expect(553);
        }
    }

    @Test
    void malformedRecipientsAre553WithTheReason() {
        try (SmtpDialog d = ehlo()) {
            d.command("MAIL FROM:<a@b.test>", 250);
            d.send("RCPT TO:<a@@b.test>");
            assertThat(d.expect(553).text()).contains("5.1.3", "not allowed in local part");
            d.send("RCPT TO:<user@" + "x".repeat(64) + ".test>");
            assertThat(d.expect(553).text()).contains("label longer than 63");
        }
    }

    @Test
    void syntaxErrorsAre500And501() {
        try (SmtpDialog d = ehlo()) {
            d.send("FOO bar");
            assertThat(d.expect(500).text()).startsWith("500 5.5.2");
            d.send("MAIL TO:<a@b.test>");
            assertThat(d.expect(501).text()).startsWith("501 5.5.4");
            d.send("EHLO");
            assertThat(d.expect(501).text()).startsWith("501 5.5.4");
        }
    }

    @Test
    void aClientSendingJunkIsDisconnectedAfterBoundedErrors() {
        try (SmtpDialog d = ehlo()) {
            for (int i = 0; i < 4; i++) {
                d.send("JUNK " + i);
                d.expect(500);
            }
            d.send("JUNK last");
            d.expect(500);
            assertThat(d.expect(421).text()).contains("4.7.0", "too many errors");
            assertThat(d.closedByServer()).isTrue();
        }
    }

    @Test
    void tooLongCommandLineIsRejectedAndTheSessionGoesOn() {
        try (SmtpDialog d = ehlo()) {
            d.send("NOOP " + "x".repeat(5000));
            assertThat(d.expect(500).text()).contains("5.5.6");
            d.command("NOOP", 250);
        }
    }

    @Test
    void declaredSizeAboveTheLimitIs552() {
        try (SmtpDialog d = ehlo()) {
            d.send("MAIL FROM:<a@b.test> SIZE=1000000");
            assertThat(d.expect(552).text()).startsWith("552 5.3.4");
        }
    }

    @Test
    void oversizedDataIs552AndTheSessionStaysUsable() {
        try (SmtpDialog d = ehlo()) {
            String big = "Subject: big\r\n\r\n" + ("y".repeat(998) + "\r\n").repeat(80);
            SmtpDialog.Reply r = d.sendMessage("a@b.test", List.of("big@example.com"), big);
            assertThat(r.code()).isEqualTo(552);
            assertThat(r.text()).contains("5.3.4");
            assertThat(d.sendMessage("a@b.test", List.of("big@example.com"), "Subject: small\r\n\r\nok").code())
                    .isEqualTo(250);
        }
        assertThat(server.json("/api/addresses/big@example.com/messages").size()).isEqualTo(1);
    }

    @Test
    void tooManyRecipientsIs452() {
        try (SmtpDialog d = ehlo()) {
            d.command("MAIL FROM:<a@b.test>", 250);
            d.command("RCPT TO:<r1@example.com>", 250);
            d.command("RCPT TO:<r2@example.com>", 250);
            d.command("RCPT TO:<r3@example.com>", 250);
            d.send("RCPT TO:<r4@example.com>");
            assertThat(d.expect(452).text()).startsWith("452 4.5.3");
        }
    }

    @Test
    void pipelinedCommandsGetTheirRepliesInOrder() {
        try (SmtpDialog d = ehlo()) {
            d.sendRaw(("MAIL FROM:<p@pipe.test>\r\nRCPT TO:<pipe@example.com>\r\nRCPT TO:<pipe2@example.com>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            d.expect(250);
            d.expect(250);
            d.expect(250);
            d.expect(354);
            d.sendRaw("Subject: pipelined\r\n\r\nhello\r\n.\r\nRSET\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(d.expect(250).text()).startsWith("250 2.0.0 Ok: queued as ");
            d.expect(250);
            d.expect(250);
        }
    }

    @Test
    void dotStuffingIsUndoneAndOnlyCrlfDotCrlfEndsData() throws Exception {
        // "..x" is a stuffed ".x"; a dot after a bare LF is not at a line start, so "\n.\r\n" is data
        String body = "Subject: dots\r\n\r\n..leading dot\r\nbare\n.\r\nstill data\r\n";
        try (SmtpDialog d = ehlo()) {
            assertThat(d.sendMessage("a@b.test", List.of("dots@example.com"), body).code()).isEqualTo(250);
        }
        JsonNode list = server.json("/api/addresses/dots@example.com/messages");
        String raw = server.get("/api/raw/dots@example.com/" + list.get(0).get("_id").asString()).body();
        assertThat(raw).endsWith("Subject: dots\r\n\r\n.leading dot\r\nbare\n.\r\nstill data\r\n");
    }

    @Test
    void aNulByteInTheBodyIsKept() {
        byte[] msg = "Subject: nul\r\n\r\nbefore\u0000after\r\n.\r\n".getBytes(StandardCharsets.UTF_8);
        try (SmtpDialog d = ehlo()) {
            d.command("MAIL FROM:<a@b.test>", 250).command("RCPT TO:<nul@example.com>", 250).command("DATA", 354);
            d.sendRaw(msg);
            d.expect(250);
        }
        String id = server.json("/api/addresses/nul@example.com/messages").get(0).get("_id").asString();
        byte[] raw = server.getBytes("/api/raw/nul@example.com/" + id).body();
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("before\u0000after");
    }

    @Test
    void rsetVrfyNoopHelpAndQuit() {
        try (SmtpDialog d = ehlo()) {
            d.command("MAIL FROM:<a@b.test>", 250);
            d.command("RSET", 250);
            d.send("RCPT TO:<x@example.com>");
            d.expect(503); // RSET cleared the transaction
            d.command("VRFY someone", 252);
            d.command("NOOP", 250);
            d.command("HELP", 214);
            d.send("QUIT");
            assertThat(d.expect(221).text()).startsWith("221 2.0.0");
            assertThat(d.closedByServer()).isTrue();
        }
    }

    @Test
    void nullSenderAndPostmasterAreAccepted() {
        try (SmtpDialog d = ehlo()) {
            d.command("MAIL FROM:<>", 250);
            d.command("RCPT TO:<postmaster>", 250);
            d.command("DATA", 354);
            d.sendRaw("Subject: bounce\r\n\r\nbounced\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            d.expect(250);
        }
        assertThat(server.json("/api/addresses/postmaster@mailbin.test/messages").size()).isEqualTo(1);
    }
}
