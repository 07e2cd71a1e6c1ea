package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Mails;
import io.mailbin.testing.Python;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.Swaks;
import io.mailbin.testing.TestMailbin;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * STARTTLS with the generated self-signed certificate (the default) and with a configured PEM one,
 * the implicit-TLS port, and --smtp-require-tls; mail that came over TLS says so in {@code rtls} and
 * in our Received header ({@code ESMTPS}).
 */
class StartTlsTest {
    static TestMailbin selfSigned;
    static TestMailbin configured;
    static Path pem;

    @BeforeAll
    static void start() throws Exception {
        pem = Files.createTempDirectory("mailbin-pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", pem.resolve("key.pem").toString(), "-out", pem.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=configured.mailbin.test").redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).isTrue();
        selfSigned = TestMailbin.start();
        configured = TestMailbin.start(b -> b.smtpTlsCert(pem.resolve("cert.pem")).smtpTlsKey(pem.resolve("key.pem"))
                .smtpsPort(0).smtpRequireTls(true));
    }

    @AfterAll
    static void stop() {
        selfSigned.closeAndDelete();
        configured.closeAndDelete();
        TestMailbin.deleteRecursively(pem);
    }

    private static JsonNode only(TestMailbin server, String inbox) {
        JsonNode list = server.json("/api/addresses/" + inbox + "/messages");
        assertThat(list.size()).isEqualTo(1);
        return list.get(0);
    }

    static final String SMTPLIB_STARTTLS = """
            import smtplib, ssl, sys
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                s.ehlo()
                print('offered', s.has_extn('starttls'))
                s.starttls(context=ctx)
                s.ehlo()
                print('offered after', s.has_extn('starttls'))
                print('cert', b'configured.mailbin.test' in s.sock.getpeercert(binary_form=True))
                s.sendmail('py@tls.test', [sys.argv[2]], 'Subject: over tls\\r\\n\\r\\nsecret')
                print('sent')
            """;

    @Test
    void pythonSmtplibStartsTlsThenDeliversAndTheMessageSaysRtls() {
        assertThat(Python.run(SMTPLIB_STARTTLS, selfSigned.smtpPort(), "tls@example.com").lines())
                .containsExactly("offered True", "offered after False", "cert False", "sent");
        JsonNode m = only(selfSigned, "tls@example.com");
        assertThat(m.get("rtls").asBoolean()).isTrue();
        String raw = selfSigned.get("/api/raw/tls@example.com/" + m.get("_id").asString()).body();
        assertThat(raw.lines().limit(2).toList().get(1)).contains("with ESMTPS id");
    }

    @Test
    void plainMailSaysItWasNotOverTls() {
        try (SmtpDialog d = SmtpDialog.open(selfSigned.smtpPort())) {
            d.command("EHLO plain.test", 250);
            d.sendMessage("p@plain.test", List.of("plain@example.com"), "Subject: plain\r\n\r\nx");
        }
        assertThat(only(selfSigned, "plain@example.com").get("rtls").asBoolean()).isFalse();
    }

    @Test
    void angusMailWithStartTlsRequiredDelivers() throws Exception {
        Session session = Mails.session(selfSigned.smtpPort());
        session.getProperties().put("mail.smtp.starttls.enable", "true");
        session.getProperties().put("mail.smtp.starttls.required", "true");
        session.getProperties().put("mail.smtp.ssl.trust", "*");
        Transport.send(Mails.simple(session, "j@angus.test", "angus-tls@example.com", "angus over tls", "hello"));
        assertThat(only(selfSigned, "angus-tls@example.com").get("rtls").asBoolean()).isTrue();
    }

    @Test
    void swaksWithTlsDelivers() {
        Swaks.Result r = Swaks.run(selfSigned.smtpPort(), "--tls", "--to", "swaks-tls@example.com");
        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(r.transcript()).contains("<~  250 2.0.0 Ok: queued as");
        assertThat(only(selfSigned, "swaks-tls@example.com").get("rtls").asBoolean()).isTrue();
    }

    @Test
    void commandsPipelinedBehindStartTlsInPlainTextAreDropped() {
        try (SmtpDialog d = SmtpDialog.open(selfSigned.smtpPort())) {
            d.command("EHLO inject.test", 250);
            d.sendRaw("STARTTLS\r\nMAIL FROM:<evil@inject.test>\r\n".getBytes());
            assertThat(d.expect(220).text()).isEqualTo("220 2.0.0 Ready to start TLS");
            d.startTls();
            d.send("MAIL FROM:<a@inject.test>"); // the session was reset: no EHLO yet, and no injected MAIL
            assertThat(d.expect(503).text()).contains("Send HELO or EHLO first");
            d.send("EHLO inject.test");
            assertThat(d.expect(250).lines()).doesNotContain("250-STARTTLS");
            d.send("STARTTLS");
            assertThat(d.expect(503).text()).contains("TLS already active");
        }
    }

    @Test
    void withTlsRequiredMailBeforeStartTlsIs530() {
        try (SmtpDialog d = SmtpDialog.open(configured.smtpPort())) {
            d.command("EHLO eager.test", 250);
            d.send("MAIL FROM:<a@eager.test>");
            assertThat(d.expect(530).text()).isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
            d.command("STARTTLS", 220);
            d.startTls();
            d.command("EHLO eager.test", 250);
            d.command("MAIL FROM:<a@eager.test>", 250);
        }
    }

    @Test
    void theConfiguredCertificateIsServedOnStartTlsAndOnTheImplicitTlsPort() {
        assertThat(Python.run(SMTPLIB_STARTTLS, configured.smtpPort(), "configured@example.com").lines())
                .contains("cert True", "sent");
        String smtps = """
                import smtplib, ssl, sys
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                with smtplib.SMTP_SSL('127.0.0.1', int(sys.argv[1]), timeout=10, context=ctx) as s:
                    s.ehlo()
                    print('offered', s.has_extn('starttls'))
                    print('cert', b'configured.mailbin.test' in s.sock.getpeercert(binary_form=True))
                    s.sendmail('py@smtps.test', ['smtps@example.com'], 'Subject: smtps\\r\\n\\r\\nsecret')
                    print('sent')
                """;
        assertThat(Python.run(smtps, configured.smtpsPort()).lines()).containsExactly("offered False", "cert True", "sent");
        assertThat(only(configured, "smtps@example.com").get("rtls").asBoolean()).isTrue();
    }
}
