package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Python;
import io.mailbin.testing.TestMailbin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's reply codes as Python's smtplib (the client most test suites use) sees them: 553, 552, 452. */
class ReplyCodesWithSmtplibTest {
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.maxMessageSize(4096).maxRecipients(2));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void malformedRecipientIs553() {
        String script = """
                import smtplib, sys
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                    try:
                        s.sendmail('a@py.test', ['not an address'], 'Subject: x\\r\\n\\r\\ny')
                    except smtplib.SMTPRecipientsRefused as e:
                        code, text = e.recipients['not an address']
                        print(code, text.decode())
                """;
        assertThat(Python.run(script, server.smtpPort())).startsWith("553 5.1.3 Bad recipient address syntax");
    }

    @Test
    void aMessageOverTheSizeLimitIs552() {
        String script = """
                import smtplib, sys
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                    try:
                        s.sendmail('a@py.test', ['big@example.com'], 'Subject: big\\r\\n\\r\\n' + 'x' * 10000)
                    except smtplib.SMTPSenderRefused as e:
                        print(e.smtp_code, e.smtp_error.decode())
                """;
        assertThat(Python.run(script, server.smtpPort()))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 4096 bytes");
    }

    @Test
    void recipientsPastTheLimitAre452AndTheRestIsDelivered() {
        String script = """
                import smtplib, sys
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                    refused = s.sendmail('a@py.test', ['r1@example.com', 'r2@example.com', 'r3@example.com'], 'Subject: many\\r\\n\\r\\ny')
                    for rcpt, (code, text) in refused.items():
                        print(rcpt, code, text.decode())
                """;
        assertThat(Python.run(script, server.smtpPort()))
                .isEqualTo("r3@example.com 452 4.5.3 Too many recipients (limit 2 per message)");
        assertThat(server.json("/api/addresses/r1@example.com/messages").size()).isEqualTo(1);
        assertThat(server.json("/api/addresses/r3@example.com/messages").size()).isZero();
    }
}
