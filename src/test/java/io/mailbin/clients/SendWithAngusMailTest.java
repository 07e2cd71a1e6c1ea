package io.mailbin.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Api;
import io.mailbin.testing.Mails;
import io.mailbin.testing.TestMailbin;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mail as a Java application sends it, with Angus Mail (Jakarta Mail), checked through the API. Each test
 * writes to its own inboxes, so they share one server.
 */
class SendWithAngusMailTest {
    static TestMailbin server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestMailbin.start();
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void plainText() {
        MimeMessage m = Mails.simple(Mails.session(server.smtpPort()), "Alice <alice@sender.test>", "plain@angus.test",
                "Hello plain", "Line one\nLine two");
        Mails.send(m);

        JsonNode msg = api.onlyMessage("plain@angus.test");
        assertThat(msg.get("subject").asString()).isEqualTo("Hello plain");
        assertThat(msg.get("from").toString()).isEqualTo("[{\"address\":\"alice@sender.test\",\"name\":\"Alice\"}]");
        assertThat(msg.get("to").toString()).isEqualTo("[{\"address\":\"plain@angus.test\",\"name\":\"\"}]");
        assertThat(msg.get("attachments").toString()).isEqualTo("[]");
        String id = msg.get("_id").asString();
        assertThat(api.content("text", "plain@angus.test", id)).isEqualTo("Line one\r\nLine two\r\n");
    }

    @Test
    void multipartAlternative() throws Exception {
        Session session = Mails.session(server.smtpPort());
        MimeMessage m = new MimeMessage(session);
        m.setFrom("news@sender.test");
        m.setRecipients(Message.RecipientType.TO, "alt@angus.test");
        m.setSubject("Two bodies");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Plain version: https://example.com/plain", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        String htmlBody = "<html><body><p>HTML <b>version</b> <a href=\"https://example.com/html\">link</a></p>"
                + "<script>alert(1)</script></body></html>";
        html.setContent(htmlBody, "text/html; charset=UTF-8");
        m.setContent(new MimeMultipart("alternative", text, html));
        Mails.send(m);

        JsonNode msg = api.onlyMessage("alt@angus.test");
        String id = msg.get("_id").asString();
        assertThat(msg.get("links").toString()).isEqualTo("[\"https://example.com/html\",\"https://example.com/plain\"]");
        assertThat(api.content("text", "alt@angus.test", id)).isEqualTo("Plain version: https://example.com/plain");
        assertThat(api.content("dirty", "alt@angus.test", id)).isEqualTo(htmlBody);
        String body = api.content("body", "alt@angus.test", id);
        assertThat(body).contains("<p>HTML <b>version</b> link</p>").doesNotContain("<script", "alert", "<a ");
    }

    @Test
    void attachmentsAndAnInlineImage() throws Exception {
        byte[] binary = new byte[256 * 3];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        byte[] png = Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

        Session session = Mails.session(server.smtpPort());
        MimeMessage m = new MimeMessage(session);
        m.setFrom("files@sender.test");
        m.setRecipients(Message.RecipientType.TO, "files@angus.test");
        m.setSubject("Report attached");

        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Our logo: <img src=\"cid:logo@angus.test\"></p>", "text/html; charset=UTF-8");
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new DataHandler(new ByteArrayDataSource(png, "image/png")));
        logo.setContentID("<logo@angus.test>");
        logo.setDisposition(MimeBodyPart.INLINE);
        logo.setFileName("logo.png");
        MimeBodyPart related = new MimeBodyPart();
        related.setContent(new MimeMultipart("related", html, logo));

        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(binary, "application/pdf")));
        file.setFileName("report.pdf");
        file.setDisposition(MimeBodyPart.ATTACHMENT);

        MimeBodyPart accented = new MimeBodyPart();
        accented.setDataHandler(new DataHandler(new ByteArrayDataSource("résumé".getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8")));
        accented.setFileName("résumé 2026.txt");
        m.setContent(new MimeMultipart("mixed", related, file, accented));
        Mails.send(m);

        String id = api.onlyMessageId("files@angus.test");
        assertThat(new String(api.raw("files@angus.test", id), StandardCharsets.US_ASCII))
                .as("the non-ASCII file name travels as an RFC 2231 parameter")
                .contains("filename*=UTF-8''r%C3%A9sum%C3%A9%202026.txt");
        JsonNode list = api.attachments("files@angus.test", id);
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.get(0).get("fileName").asString()).isEqualTo("logo.png");
        assertThat(list.get(0).get("contentId").asString()).isEqualTo("logo@angus.test");
        assertThat(list.get(0).get("contentType").asString()).isEqualTo("image/png");
        assertThat(list.get(0).get("checksum").asString()).isEqualTo(md5(png));
        assertThat(list.get(0).get("length").asInt()).isEqualTo(png.length);
        assertThat(list.get(1).get("fileName").asString()).isEqualTo("report.pdf");
        assertThat(list.get(1).get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(list.get(1).get("checksum").asString()).isEqualTo(md5(binary));
        assertThat(list.get(1).get("length").asInt()).isEqualTo(binary.length);
        assertThat(list.get(1).get("transferEncoding").asString()).isEqualTo("base64");
        assertThat(list.get(2).get("fileName").asString()).isEqualTo("résumé 2026.txt");

        assertThat(api.attachment("files@angus.test", id, md5(binary)).body()).isEqualTo(binary);
        assertThat(api.attachment("files@angus.test", id, "report.pdf").body()).isEqualTo(binary);
        assertThat(api.attachment("files@angus.test", id, "logo@angus.test").body()).isEqualTo(png);
        assertThat(api.attachment("files@angus.test", id, "résumé 2026.txt").body())
                .isEqualTo("résumé".getBytes(StandardCharsets.UTF_8));
        assertThat(api.content("dirty", "files@angus.test", id))
                .isEqualTo("<p>Our logo: <img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></p>");
    }

    @Test
    void utf8SubjectAndDisplayNamesAsEncodedWords() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(server.smtpPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(p)); // no allowutf8: headers use RFC 2047
        m.setFrom(new InternetAddress("joerg@sender.test", "Jörg Müller", "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("zoe@angus.test", "Zoë 日本", "UTF-8"));
        m.setSubject("Grüße 日本語 ✓ — a subject long enough to be folded over more than one header line", "UTF-8");
        m.setText("body", "UTF-8");
        Mails.send(m);

        assertThat(new String(api.raw("zoe@angus.test", api.onlyMessageId("zoe@angus.test")), StandardCharsets.UTF_8))
                .as("sent as encoded words").contains("Subject: =?UTF-8?");
        assertUtf8Headers(api.onlyMessage("zoe@angus.test"), "zoe@angus.test");
    }

    @Test
    void utf8SubjectAndDisplayNamesAsRawUtf8Headers() throws Exception {
        MimeMessage m = new MimeMessage(Mails.session(server.smtpPort())); // allowutf8: headers are raw UTF-8 (RFC 6532)
        m.setHeader("From", "Jörg Müller <joerg@sender.test>");
        m.setHeader("To", "Zoë 日本 <zoe-raw@angus.test>");
        m.setHeader("Subject", "Grüße 日本語 ✓ — a subject long enough to be folded over more than one header line");
        m.setText("body", "UTF-8");
        Mails.send(m);

        assertThat(new String(api.raw("zoe-raw@angus.test", api.onlyMessageId("zoe-raw@angus.test")), StandardCharsets.UTF_8))
                .as("sent as raw UTF-8").contains("Subject: Grüße 日本語 ✓");
        assertUtf8Headers(api.onlyMessage("zoe-raw@angus.test"), "zoe-raw@angus.test");
    }

    private static void assertUtf8Headers(JsonNode msg, String to) {
        assertThat(msg.get("subject").asString())
                .isEqualTo("Grüße 日本語 ✓ — a subject long enough to be folded over more than one header line");
        assertThat(msg.get("from").toString()).isEqualTo("[{\"address\":\"joerg@sender.test\",\"name\":\"Jörg Müller\"}]");
        assertThat(msg.get("to").toString()).isEqualTo("[{\"address\":\"" + to + "\",\"name\":\"Zoë 日本\"}]");
    }

    @Test
    void smtputf8Recipient() throws Exception {
        Session session = Mails.session(server.smtpPort());
        session.getProperties().put("mail.smtp.allow8bitmime", "true");
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("rené@sender.test"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("jörg@exämple.test"));
        m.setSubject("Für Jörg", "UTF-8");
        m.setText("Grüße", "UTF-8");
        Mails.send(m);

        JsonNode msg = api.onlyMessage("jörg@exämple.test");
        assertThat(msg.get("inbox").asString()).isEqualTo("jörg@exämple.test");
        assertThat(msg.get("originalInbox").asString()).isEqualTo("jörg@exämple.test");
        assertThat(msg.get("domain").asString()).isEqualTo("exämple.test");
        assertThat(msg.get("subject").asString()).isEqualTo("Für Jörg");
        assertThat(msg.get("from").get(0).get("address").asString()).isEqualTo("rené@sender.test");
        assertThat(msg.get("to").get(0).get("address").asString()).isEqualTo("jörg@exämple.test");
        assertThat(api.content("text", "jörg@exämple.test", msg.get("_id").asString())).isEqualTo("Grüße\r\n");
        assertThat(api.count("JÖRG@EXÄMPLE.TEST")).as("lower-cased like ASCII addresses").isEqualTo(1);
    }

    @Test
    void severalRecipientsInOneMessageAreStoredOncePerInbox() throws Exception {
        MimeMessage m = new MimeMessage(Mails.session(server.smtpPort()));
        m.setFrom("team@sender.test");
        m.setRecipients(Message.RecipientType.TO, "a+one@multi.test, a+two@multi.test");
        m.setRecipients(Message.RecipientType.CC, "b@multi.test");
        m.setRecipients(Message.RecipientType.BCC, "hidden@other-multi.test");
        m.setSubject("For everyone");
        m.setText("hello all", "UTF-8");
        Mails.send(m);

        assertThat(api.count("a@multi.test")).isEqualTo(1);
        assertThat(api.count("b@multi.test")).isEqualTo(1);
        assertThat(api.count("hidden@other-multi.test")).isEqualTo(1);
        JsonNode a = api.onlyMessage("a@multi.test");
        JsonNode b = api.onlyMessage("b@multi.test");
        JsonNode hidden = api.onlyMessage("hidden@other-multi.test");
        assertThat(a.get("originalInbox").asString()).isEqualTo("a+one@multi.test");
        assertThat(b.get("originalInbox").asString()).isEqualTo("b@multi.test");
        assertThat(hidden.get("domain").asString()).isEqualTo("other-multi.test");
        List<String> ids = new ArrayList<>();
        for (JsonNode copy : List.of(a, b, hidden)) {
            ids.add(copy.get("_id").asString());
            assertThat(copy.get("subject").asString()).isEqualTo("For everyone");
            assertThat(copy.get("to").toString()).isEqualTo(
                    "[{\"address\":\"a+one@multi.test\",\"name\":\"\"},{\"address\":\"a+two@multi.test\",\"name\":\"\"}]");
            assertThat(copy.get("cc").toString()).isEqualTo("[{\"address\":\"b@multi.test\",\"name\":\"\"}]");
            assertThat(copy.get("bcc").toString()).as("Angus leaves the Bcc header out").isEqualTo("[]");
        }
        assertThat(ids).doesNotHaveDuplicates();
        String transaction = ids.getFirst().substring(0, ids.getFirst().lastIndexOf('-'));
        assertThat(ids).containsExactlyInAnyOrder(transaction + "-0", transaction + "-1", transaction + "-2");
        // every copy serves the same bytes, and keeps serving them when another copy is deleted
        byte[] raw = api.raw("a@multi.test", a.get("_id").asString());
        assertThat(api.raw("b@multi.test", b.get("_id").asString())).isEqualTo(raw);
        assertThat(server.delete("/api/addresses/a@multi.test/messages/" + a.get("_id").asString()).statusCode())
                .isEqualTo(200);
        assertThat(api.raw("b@multi.test", b.get("_id").asString())).isEqualTo(raw);
        assertThat(api.raw("hidden@other-multi.test", hidden.get("_id").asString())).isEqualTo(raw);
    }

    static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
