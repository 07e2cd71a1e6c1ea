package io.mailbin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.mail.AttachmentMeta;
import io.mailbin.mail.Mailbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MessageParserTest {
    private final MessageParser parser = new MessageParser();

    private ParsedMessage parse(String raw) {
        return parser.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addressesWithDisplayNamesAndAnEncodedSubject() {
        ParsedMessage p = parse("""
                From: =?UTF-8?B?SsO2cmc=?= <jorg@example.com>\r
                To: Ann <ann@x.test>, bob@x.test\r
                Cc: "Carl, Jr." <carl@x.test>\r
                Bcc: dee@x.test\r
                Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= from\r
                 a folded line\r
                Date: Tue, 24 Nov 2026 10:00:00 +0000\r
                Message-ID: <abc@x.test>\r
                \r
                hello\r
                """);
        assertThat(p.from()).containsExactly(new Mailbox("jorg@example.com", "Jörg"));
        assertThat(p.to()).containsExactly(new Mailbox("ann@x.test", "Ann"), new Mailbox("bob@x.test", ""));
        assertThat(p.cc()).containsExactly(new Mailbox("carl@x.test", "Carl, Jr."));
        assertThat(p.bcc()).containsExactly(new Mailbox("dee@x.test", ""));
        assertThat(p.subject()).isEqualTo("Grüße from a folded line");
        assertThat(p.date()).hasToString("2026-11-24T10:00:00Z");
        assertThat(p.messageId()).isEqualTo("<abc@x.test>");
        assertThat(p.text()).isEqualTo("hello\r\n");
        assertThat(p.html()).isNull();
        assertThat(p.parseError()).isNull();
    }

    @Test
    void multipartAlternativeWithAnAttachmentAndAnInlineImage() throws Exception {
        ParsedMessage p = parse("""
                From: a@x.test\r
                Subject: parts\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="outer"\r
                \r
                --outer\r
                Content-Type: multipart/alternative; boundary="inner"\r
                \r
                --inner\r
                Content-Type: text/plain; charset=iso-8859-1\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                caf=E9 https://x.test/plain.\r
                --inner\r
                Content-Type: text/html; charset=utf-8\r
                \r
                <p>caf\u00e9 <a href="https://x.test/html">go</a><img src="cid:logo@x"></p>\r
                --inner--\r
                --outer\r
                Content-Type: image/png\r
                Content-ID: <logo@x>\r
                Content-Transfer-Encoding: base64\r
                \r
                iVBORw0KGgo=\r
                --outer\r
                Content-Type: application/pdf; name="report.pdf"\r
                Content-Disposition: attachment; filename="report.pdf"\r
                Content-Transfer-Encoding: base64\r
                \r
                JVBERi0xLjQ=\r
                --outer--\r
                """);
        assertThat(p.text()).isEqualTo("café https://x.test/plain.");
        assertThat(p.html()).contains("<a href=\"https://x.test/html\">");
        assertThat(p.links()).containsExactly("https://x.test/html", "https://x.test/plain");
        assertThat(p.attachments()).hasSize(2);
        AttachmentMeta image = p.attachments().get(0);
        assertThat(image.contentId()).isEqualTo("logo@x");
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.length()).isEqualTo(8);
        AttachmentMeta pdf = p.attachments().get(1);
        assertThat(pdf.fileName()).isEqualTo("report.pdf");
        assertThat(pdf.contentDisposition()).isEqualTo("attachment");
        assertThat(pdf.transferEncoding()).isEqualTo("base64");
        byte[] pdfBytes = java.util.Base64.getDecoder().decode("JVBERi0xLjQ=");
        assertThat(pdf.checksum()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pdfBytes)));
        assertThat(pdf.length()).isEqualTo(pdfBytes.length);
    }

    @Test
    void anUnterminatedMultipartStillYieldsWhatWasSent() {
        ParsedMessage p = parse("""
                Subject: broken\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                first part, and then the connection's content just stops\r
                """);
        assertThat(p.subject()).isEqualTo("broken");
        assertThat(p.text()).contains("first part");
    }

    @Test
    void aTenThousandLineHeaderBlockParses() {
        StringBuilder raw = new StringBuilder("Subject: many headers\r\n");
        for (int i = 0; i < 10_000; i++) {
            raw.append("X-Filler-").append(i).append(": value ").append(i).append("\r\n");
        }
        raw.append("\r\nbody\r\n");
        ParsedMessage p = parse(raw.toString());
        assertThat(p.subject()).isEqualTo("many headers");
        assertThat(p.text()).isEqualTo("body\r\n");
    }

    @Test
    void beyondTheHeaderCountCapTheErrorIsRecordedNotThrown() {
        StringBuilder raw = new StringBuilder("Subject: too many\r\n");
        for (int i = 0; i < MimeLimits.MAX_HEADER_COUNT + 10; i++) {
            raw.append("X-F: ").append(i).append("\r\n");
        }
        raw.append("\r\nbody\r\n");
        ParsedMessage p = parse(raw.toString());
        assertThat(p.parseError()).isNotNull();
        assertThat(p.subject()).isEqualTo("too many");
    }

    @Test
    void aVeryLongHtmlLineIsNotAnError() {
        String html = "<p>" + "word ".repeat(200_000) + "</p>";
        ParsedMessage p = parse("Subject: long\r\nContent-Type: text/html\r\n\r\n" + html + "\r\n");
        assertThat(p.parseError()).isNull();
        assertThat(p.html()).startsWith("<p>word word");
    }

    @Test
    void garbageIsNotACrash() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        ParsedMessage p = parser.parse(junk);
        assertThat(p).isNotNull();
        assertThat(parser.parse(new byte[0]).subject()).isEmpty();
    }

    @Test
    void unknownCharsetsFallBackToUtf8() {
        ParsedMessage p = parse("Subject: cs\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nh\u00e9\r\n");
        assertThat(p.text()).isEqualTo("h\u00e9\r\n");
    }

    @Test
    void linksComeFromHrefAttributesWithEntitiesDecodedAndFromPlainText() {
        ParsedMessage p = parse("Subject: links\r\nContent-Type: text/html\r\n\r\n"
                + "<a HREF = 'https://x.test/a?b=1&amp;c=2'>one</a> <a href=https://x.test/bare>two</a>"
                + "<a href=\"mailto:a@x.test\">mail</a><link href=\"https://x.test/css\"> see http://x.test/in-text\r\n");
        assertThat(p.links()).containsExactly("https://x.test/a?b=1&c=2", "https://x.test/bare", "https://x.test/css");
    }
}
