package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.store.StoreSettings;
import io.mailbin.testing.Mails;
import io.mailbin.testing.Python;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.Swaks;
import io.mailbin.testing.TestMailbin;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMTP AUTH PLAIN and LOGIN: capture mode accepts any credentials, only over TLS unless
 * --smtp-auth-insecure; the replies of RFC 4954 (235, 535, 538, 501, 503, 504); ESMTPSA / ESMTPA.
 */
class SmtpAuthTest {
    static TestMailbin capture;
    static TestMailbin insecure;
    static TestMailbin off;
    static TestMailbin accounts;
    static String ciKey;

    @BeforeAll
    static void start() throws Exception {
        capture = TestMailbin.start();
        insecure = TestMailbin.start(b -> b.smtpAuthInsecure(true));
        off = TestMailbin.start(b -> b.smtpAuth("off").smtpAuthInsecure(true));
        accounts = TestMailbin.start(b -> b.smtpAuth("accounts").smtpAuthInsecure(true));
        ciKey = accounts.createAccount("ci");
        accounts.createAccount("other");
    }

    @AfterAll
    static void stop() {
        capture.closeAndDelete();
        insecure.closeAndDelete();
        off.closeAndDelete();
        accounts.closeAndDelete();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String receivedLine(TestMailbin server, String inbox) {
        String id = server.json("/api/addresses/" + inbox + "/messages").get(0).get("_id").asString();
        return server.get("/api/raw/" + inbox + "/" + id).body().lines().limit(2).toList().get(1);
    }

    @Test
    void overPlainTextAuthIsNotOfferedAndIsRefusedWith538() {
        try (SmtpDialog d = SmtpDialog.open(capture.smtpPort())) {
            d.send("EHLO plain.test");
            assertThat(d.expect(250).lines()).noneMatch(l -> l.contains("AUTH"));
            d.send("AUTH PLAIN " + b64("\0user\0pw"));
            assertThat(d.expect(538).text()).isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
        }
    }

    @Test
    void pythonSmtplibLogsInWithAnyCredentialsAfterStartTls() {
        String script = """
                import smtplib, ssl, sys
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                    s.starttls(context=ctx)
                    s.ehlo()
                    print(s.esmtp_features.get('auth'))
                    code, text = s.login('anyone', 'whatever password')
                    print(code, text.decode())
                    s.sendmail('app@auth.test', ['auth-plain@example.com'], 'Subject: authed\\r\\n\\r\\nhi')
                    print('sent')
                """;
        assertThat(Python.run(script, capture.smtpPort()).lines())
                .containsExactly("PLAIN LOGIN", "235 2.7.0 Authentication successful", "sent");
        assertThat(receivedLine(capture, "auth-plain@example.com")).contains("with ESMTPSA id");
    }

    @Test
    void swaksAuthLoginOverTlsAndAngusMailWithAuthDeliver() throws Exception {
        Swaks.Result r = Swaks.run(capture.smtpPort(), "--tls", "--auth", "LOGIN", "--auth-user", "qa",
                "--auth-password", "secret", "--to", "auth-login@example.com");
        assertThat(r.exit()).as(r.transcript()).isZero();
        assertThat(r.transcript()).contains("<~  334 VXNlcm5hbWU6", "<~  334 UGFzc3dvcmQ6", "<~  235 2.7.0 Authentication successful");

        Session session = Mails.session(capture.smtpPort());
        session.getProperties().put("mail.smtp.auth", "true");
        session.getProperties().put("mail.smtp.starttls.enable", "true");
        session.getProperties().put("mail.smtp.starttls.required", "true");
        session.getProperties().put("mail.smtp.ssl.trust", "*");
        Transport.send(Mails.simple(session, "app@angus.test", "auth-angus@example.com", "angus auth", "hi"), "app", "pw");
        assertThat(receivedLine(capture, "auth-angus@example.com")).contains("with ESMTPSA id");
    }

    @Test
    void withInsecureAuthLoginWorksOverPlainTextAndTheHeaderSaysEsmtpa() {
        try (SmtpDialog d = SmtpDialog.open(insecure.smtpPort())) {
            d.send("EHLO plain.test");
            assertThat(d.expect(250).lines()).contains("250-AUTH PLAIN LOGIN");
            d.command("AUTH LOGIN", 334).command(b64("user"), 334);
            d.send(b64("pw"));
            assertThat(d.expect(235).text()).isEqualTo("235 2.7.0 Authentication successful");
            d.send("AUTH PLAIN " + b64("\0user\0pw"));
            assertThat(d.expect(503).text()).contains("Already authenticated");
            assertThat(d.sendMessage("a@insecure.test", List.of("auth-insecure@example.com"), "Subject: x\r\n\r\ny").code())
                    .isEqualTo(250);
        }
        assertThat(receivedLine(insecure, "auth-insecure@example.com")).contains("with ESMTPA id");
    }

    @Test
    void malformedExchangesGetTheirRfc4954Replies() {
        try (SmtpDialog d = SmtpDialog.open(insecure.smtpPort())) {
            d.send("AUTH PLAIN");
            assertThat(d.expect(503).text()).contains("Send EHLO first");
            d.command("EHLO bad.test", 250);
            d.send("AUTH CRAM-MD5");
            assertThat(d.expect(504).text()).startsWith("504 5.5.4 Unrecognized authentication type");
            d.send("AUTH PLAIN !!!notbase64");
            assertThat(d.expect(501).text()).startsWith("501 5.5.2 Cannot decode response");
            d.command("AUTH PLAIN", 334);
            d.send("*");
            assertThat(d.expect(501).text()).isEqualTo("501 5.0.0 Authentication cancelled");
            d.command("AUTH PLAIN", 334);
            d.send(b64("\0user\0pw"));
            d.expect(235);
        }
    }

    @Test
    void inAccountsModeOnlyAnAccountNameWithItsOwnKeyLogsIn() {
        String otherKey = accounts.createAccount("someone-else");
        try (SmtpDialog d = SmtpDialog.open(accounts.smtpPort())) {
            d.command("EHLO strict.test", 250);
            d.send("AUTH PLAIN " + b64("\0ci\0k_wrong"));
            assertThat(d.expect(535).text()).isEqualTo("535 5.7.8 Authentication credentials invalid");
            d.send("AUTH PLAIN " + b64("\0ci\0" + otherKey));
            d.expect(535); // a real key, but another account's
            d.send("AUTH PLAIN " + b64("\0ci\0" + ciKey));
            d.expect(235);
        }
    }

    @Test
    void withAuthOffItIsNeitherOfferedNorAccepted() {
        try (SmtpDialog d = SmtpDialog.open(off.smtpPort())) {
            d.send("EHLO off.test");
            assertThat(d.expect(250).lines()).noneMatch(l -> l.contains("AUTH"));
            d.send("AUTH PLAIN " + b64("\0user\0pw"));
            assertThat(d.expect(502).text()).isEqualTo("502 5.5.1 AUTH not available");
        }
    }
}
