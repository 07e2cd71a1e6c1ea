package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Python;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-sender token buckets answer 421 naming the limit; the allow-list lets its senders through. All
 * clients here are 127.0.0.1, so the per-IP test runs on its own server.
 */
class SenderLimitsTest {
    static TestMailbin perIp;
    static TestMailbin perDomain;

    @BeforeAll
    static void start() {
        perIp = TestMailbin.start(b -> b.smtpRatePerIp("3/1h"));
        perDomain = TestMailbin.start(b -> b.smtpRatePerDomain("2/1h").smtpAllow(List.of("trusted.test", "192.0.2.0/24")));
    }

    @AfterAll
    static void stop() {
        perIp.closeAndDelete();
        perDomain.closeAndDelete();
    }

    static final String SMTPLIB = """
            import smtplib, sys
            try:
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                    s.sendmail('a@python.test', ['limited@example.com'], 'Subject: late\\r\\n\\r\\nhi')
                    print('sent')
            except smtplib.SMTPConnectError as e:
                print('connect', e.smtp_code, e.smtp_error.decode())
            """;

    @Test
    void pastThePerIpLimitMailGets421NamingTheLimitAndPythonSmtplibIsRefusedAtConnect() {
        try (SmtpDialog d = SmtpDialog.open(perIp.smtpPort())) {
            d.command("EHLO ip.test", 250);
            for (int i = 0; i < 3; i++) {
                assertThat(d.sendMessage("a@ip.test", List.of("limited@example.com"), "Subject: " + i + "\r\n\r\nx").code())
                        .isEqualTo(250);
            }
            d.send("MAIL FROM:<a@ip.test>");
            assertThat(d.expect(421).text()).isEqualTo("421 4.7.0 mailbin.test too many messages from 127.0.0.1"
                    + " (limit 3/1h per IP), try again later");
            assertThat(d.closedByServer()).isTrue();
        }
        // the bucket is known empty: the next connection is told at once, before it queues
        assertThat(Python.run(SMTPLIB, perIp.smtpPort())).isEqualTo("connect 421 4.7.0 mailbin.test too many messages"
                + " from 127.0.0.1 (limit 3/1h per IP), try again later");
        assertThat(perIp.json("/api/addresses/limited@example.com/messages").size()).isEqualTo(3);
        assertThat(perIp.metric("mailbin_smtp_rejections_total{code=\"421\",reason=\"rate_ip\"}")).isEqualTo(2);
    }

    @Test
    void pastThePerDomainLimitMailIsRefusedButAllowedDomainsPass() {
        try (SmtpDialog d = SmtpDialog.open(perDomain.smtpPort())) {
            d.command("EHLO domains.test", 250);
            for (int i = 0; i < 2; i++) {
                assertThat(d.sendMessage("x@bulk.test", List.of("d@example.com"), "Subject: " + i + "\r\n\r\nx").code()).isEqualTo(250);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(d.sendMessage("x@trusted.test", List.of("d@example.com"), "Subject: t\r\n\r\nx").code()).isEqualTo(250);
            }
            d.send("MAIL FROM:<y@bulk.test>");
            assertThat(d.expect(421).text()).isEqualTo("421 4.7.0 mailbin.test too many messages from sender domain bulk.test"
                    + " (limit 2/1h per domain), try again later");
            assertThat(d.closedByServer()).isTrue();
        }
        try (SmtpDialog d = SmtpDialog.open(perDomain.smtpPort())) { // another domain has its own bucket
            d.command("EHLO domains.test", 250);
            assertThat(d.sendMessage("x@other.test", List.of("d@example.com"), "Subject: o\r\n\r\nx").code()).isEqualTo(250);
        }
    }
}
