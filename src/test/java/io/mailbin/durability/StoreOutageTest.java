package io.mailbin.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.store.sqlite.SqliteStore;
import io.mailbin.testing.Mails;
import io.mailbin.testing.Python;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store really fails (its database can no longer grow, as on a full disk: SQLite answers SQLITE_FULL
 * to every write): senders get 451 and retry later, never a 250 for mail that was not kept. Once the
 * store can write again, mail flows at once.
 */
class StoreOutageTest {
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start();
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static String body(String subject) {
        return "Subject: " + subject + "\r\n\r\n" + "filler line of a message that needs new pages\r\n".repeat(500);
    }

    @Test
    void aFullStoreAnswers451ToEveryClientAndMailFlowsAgainAfterwards() throws Exception {
        SqliteStore store = (SqliteStore) server.mailbin().store();
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO before.test", 250);
            assertThat(d.sendMessage("a@before.test", List.of("outage@example.com"), body("before")).code()).isEqualTo(250);
        }

        store.capAtCurrentSize();
        try {
            try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
                d.command("EHLO during.test", 250);
                for (int i = 0; i < 3; i++) {
                    assertThat(d.sendMessage("a@during.test", List.of("outage@example.com"), body("during " + i)).text())
                            .isEqualTo("451 4.3.0 Temporary storage failure, please try again later");
                }
            }
            String smtplib = """
                    import smtplib, sys
                    with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                        try:
                            s.sendmail('p@during.test', ['outage@example.com'], 'Subject: python\\r\\n\\r\\n' + 'x' * 40000)
                            print('250')
                        except smtplib.SMTPDataError as e:
                            print(e.smtp_code, e.smtp_error.decode())
                    """;
            assertThat(Python.run(smtplib, server.smtpPort())).startsWith("451 4.3.0");

            Session session = Mails.session(server.smtpPort());
            try {
                Transport.send(Mails.simple(session, "j@during.test", "outage@example.com", "angus", "y".repeat(40_000)));
                throw new AssertionError("Angus Mail was told 250 while the store was full");
            } catch (SMTPSendFailedException e) {
                assertThat(e.getReturnCode()).isEqualTo(451);
            } catch (SendFailedException e) {
                assertThat(e.getNextException()).isInstanceOf(SMTPSendFailedException.class);
            } catch (MessagingException e) {
                throw new AssertionError("unexpected failure", e);
            }
        } finally {
            store.liftSizeCap();
        }

        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO after.test", 250);
            assertThat(d.sendMessage("a@after.test", List.of("outage@example.com"), body("after")).code()).isEqualTo(250);
        }
        assertThat(server.json("/api/addresses/outage@example.com/messages").valueStream()
                .map(m -> m.get("subject").asString()).toList()).containsExactly("after", "before");
        assertThat(server.metric("mailbin_smtp_rejections_total{code=\"451\",reason=\"store_unavailable\"}")).isEqualTo(5);
    }
}
