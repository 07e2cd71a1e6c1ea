package io.mailbin.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Api;
import io.mailbin.testing.TestMailbin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Mail sent with Python's standard {@code smtplib} and {@code email} packages, a client that reads our EHLO
 * reply strictly and speaks SMTPUTF8 only when told to; every message is checked through the API.
 */
class SendWithPythonTest {
    static final long MAX_MESSAGE_SIZE = 2_000_000;

    /** Shared by every script: {@code smtp()} connects, {@code send(msg)} sends and fails on any refused recipient. */
    static final String PRELUDE = """
            import email.policy, json, smtplib, sys
            from email.message import EmailMessage

            PORT = int(sys.argv[1])

            def smtp():
                return smtplib.SMTP('127.0.0.1', PORT, local_hostname='python.test', timeout=10)

            def send(msg):
                with smtp() as s:
                    refused = s.send_message(msg)
                    assert refused == {}, refused
            """;

    static TestMailbin server;
    static Api api;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.maxMessageSize(MAX_MESSAGE_SIZE));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void smtplibSeesOurEhloExtensions() {
        String out = python("""
                with smtp() as s:
                    code, _ = s.ehlo()
                    names = ['pipelining', 'size', '8bitmime', 'smtputf8', 'enhancedstatuscodes', 'starttls', 'chunking']
                    print(json.dumps({'code': code, 'size': s.esmtp_features.get('size'),
                                      'has': {n: s.has_extn(n) for n in names}}, sort_keys=True))
                """);
        assertThat(out.strip()).isEqualTo("{\"code\": 250, \"has\": {\"8bitmime\": true, \"chunking\": false, "
                + "\"enhancedstatuscodes\": true, \"pipelining\": true, \"size\": true, \"smtputf8\": true, "
                + "\"starttls\": true}, \"size\": \"" + MAX_MESSAGE_SIZE + "\"}");
    }

    @Test
    void plainText() {
        python("""
                msg = EmailMessage()
                msg['From'] = 'Py Sender <py@sender.test>'
                msg['To'] = 'plain@python.test'
                msg['Subject'] = 'Plain from Python'
                msg.set_content('Hello from smtplib\\nsecond line\\n')
                send(msg)
                """);
        JsonNode msg = api.onlyMessage("plain@python.test");
        assertThat(msg.get("subject").asString()).isEqualTo("Plain from Python");
        assertThat(msg.get("from").toString()).isEqualTo("[{\"address\":\"py@sender.test\",\"name\":\"Py Sender\"}]");
        assertThat(msg.get("ip").asString()).isEqualTo("127.0.0.1");
        assertThat(api.content("text", "plain@python.test", msg.get("_id").asString()))
                .isEqualTo("Hello from smtplib\r\nsecond line\r\n");
    }

    @Test
    void multipartAlternative() {
        python("""
                msg = EmailMessage()
                msg['From'] = 'py@sender.test'
                msg['To'] = 'alt@python.test'
                msg['Subject'] = 'Two bodies'
                msg.set_content('Plain part, see https://example.com/py\\n')
                msg.add_alternative('<p>HTML <i>part</i><img src="https://tracker.test/p.gif"></p>\\n', subtype='html')
                send(msg)
                """);
        JsonNode msg = api.onlyMessage("alt@python.test");
        String id = msg.get("_id").asString();
        assertThat(msg.get("links").toString()).isEqualTo("[\"https://example.com/py\"]");
        assertThat(api.content("text", "alt@python.test", id)).isEqualTo("Plain part, see https://example.com/py\r\n");
        assertThat(api.content("dirty", "alt@python.test", id))
                .isEqualTo("<p>HTML <i>part</i><img src=\"https://tracker.test/p.gif\"></p>\r\n");
        assertThat(api.content("body", "alt@python.test", id)).isEqualTo("<p>HTML <i>part</i></p>\r\n");
    }

    @Test
    void binaryAttachment() throws Exception {
        python("""
                msg = EmailMessage()
                msg['From'] = 'py@sender.test'
                msg['To'] = 'files@python.test'
                msg['Subject'] = 'Attachment'
                msg.set_content('see attached\\n')
                msg.add_attachment(bytes(range(256)) * 2, maintype='application', subtype='octet-stream',
                                   filename='all-bytes.bin')
                send(msg)
                """);
        byte[] expected = new byte[512];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(expected));
        JsonNode msg = api.onlyMessage("files@python.test");
        String id = msg.get("_id").asString();
        assertThat(msg.get("attachments").toString()).isEqualTo("[\"" + md5 + "\"]");
        JsonNode meta = api.attachments("files@python.test", id).get(0);
        assertThat(meta.get("fileName").asString()).isEqualTo("all-bytes.bin");
        assertThat(meta.get("contentType").asString()).isEqualTo("application/octet-stream");
        assertThat(meta.get("length").asInt()).isEqualTo(512);
        assertThat(meta.get("transferEncoding").asString()).isEqualTo("base64");
        assertThat(api.attachment("files@python.test", id, md5).body()).isEqualTo(expected);
        assertThat(api.attachment("files@python.test", id, "all-bytes.bin").body()).isEqualTo(expected);
        assertThat(api.content("text", "files@python.test", id)).isEqualTo("see attached\r\n");
    }

    @Test
    void utf8SubjectAndDisplayName() {
        python("""
                msg = EmailMessage()
                msg['From'] = 'Jörg Müller <joerg@sender.test>'
                msg['To'] = 'Zoë <utf8@python.test>'
                msg['Subject'] = 'Grüße aus Python ✓ 日本語'
                msg.set_content('Grüße ✓\\n')
                send(msg)
                """);
        JsonNode msg = api.onlyMessage("utf8@python.test");
        assertThat(msg.get("subject").asString()).isEqualTo("Grüße aus Python ✓ 日本語");
        assertThat(msg.get("from").toString()).isEqualTo("[{\"address\":\"joerg@sender.test\",\"name\":\"Jörg Müller\"}]");
        assertThat(msg.get("to").toString()).isEqualTo("[{\"address\":\"utf8@python.test\",\"name\":\"Zoë\"}]");
        assertThat(api.content("text", "utf8@python.test", msg.get("_id").asString())).isEqualTo("Grüße ✓\r\n");
    }

    @Test
    void smtputf8Address() {
        python("""
                msg = EmailMessage(policy=email.policy.SMTPUTF8)
                msg['From'] = 'René <rené@sender.test>'
                msg['To'] = 'jörg@exämple.test'
                msg['Subject'] = 'Für Jörg'
                msg.set_content('Grüße\\n')
                with smtp() as s:
                    s.ehlo()
                    refused = s.sendmail('rené@sender.test', ['jörg@exämple.test'],
                                         msg.as_bytes(policy=email.policy.SMTPUTF8), mail_options=['SMTPUTF8'])
                    assert refused == {}, refused
                """);
        JsonNode msg = api.onlyMessage("jörg@exämple.test");
        assertThat(msg.get("inbox").asString()).isEqualTo("jörg@exämple.test");
        assertThat(msg.get("domain").asString()).isEqualTo("exämple.test");
        assertThat(msg.get("subject").asString()).isEqualTo("Für Jörg");
        assertThat(msg.get("from").toString()).isEqualTo("[{\"address\":\"rené@sender.test\",\"name\":\"René\"}]");
        assertThat(msg.get("to").toString()).isEqualTo("[{\"address\":\"jörg@exämple.test\",\"name\":\"\"}]");
        assertThat(api.content("text", "jörg@exämple.test", msg.get("_id").asString())).isEqualTo("Grüße\r\n");
    }

    @Test
    void severalRecipients() {
        python("""
                msg = EmailMessage()
                msg['From'] = 'py@sender.test'
                msg['To'] = 'a+x@multi.test, a+y@multi.test'
                msg['Cc'] = 'b@multi.test'
                msg['Subject'] = 'For everyone'
                msg.set_content('hello all\\n')
                with smtp() as s:
                    refused = s.sendmail('py@sender.test',
                                         ['a+x@multi.test', 'a+y@multi.test', 'b@multi.test', 'c@other-multi.test'],
                                         msg.as_bytes())
                    assert refused == {}, refused
                """);
        assertThat(api.count("a@multi.test")).isEqualTo(1);
        assertThat(api.count("b@multi.test")).isEqualTo(1);
        assertThat(api.count("c@other-multi.test")).isEqualTo(1);
        assertThat(api.onlyMessage("a@multi.test").get("originalInbox").asString()).isEqualTo("a+x@multi.test");
        JsonNode c = api.onlyMessage("c@other-multi.test");
        assertThat(c.get("subject").asString()).isEqualTo("For everyone");
        assertThat(c.get("to").toString())
                .isEqualTo("[{\"address\":\"a+x@multi.test\",\"name\":\"\"},{\"address\":\"a+y@multi.test\",\"name\":\"\"}]");
        assertThat(c.get("cc").toString()).isEqualTo("[{\"address\":\"b@multi.test\",\"name\":\"\"}]");
    }

    /** Runs {@link #PRELUDE} plus {@code body} with {@code python3 -c}, the SMTP port as argument; returns stdout. */
    static String python(String body) {
        List<String> command = new ArrayList<>(List.of("python3", "-c", PRELUDE + "\n" + body, String.valueOf(server.smtpPort())));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().put("PYTHONUTF8", "1");
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python3 did not finish within 30 s");
            }
            String out = new String(stdout.join(), StandardCharsets.UTF_8);
            String err = new String(stderr.join(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("python3 exit code; stderr:\n%s", err).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run python3", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("(unreadable: " + e + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
