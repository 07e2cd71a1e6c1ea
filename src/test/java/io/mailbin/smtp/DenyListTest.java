package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailbin.cli.MailbinCommand;
import io.mailbin.testing.Python;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.Swaks;
import io.mailbin.testing.TestMailbin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deny-list end to end: edited with {@code mailbin denylist} while the server runs, read through the
 * spec's {@code /api/mailstats/blacklist} endpoints, and enforced with 554 5.7.1 and the reason, at
 * connect (IP, CIDR), at HELO (name) and at MAIL (sender domain).
 */
class DenyListTest {
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start();
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static String[] cli(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MailbinCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--data-dir";
        full[args.length + 1] = server.dataDir().toString();
        int exit = cl.execute(full);
        assertThat(exit).as(err.toString()).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    private static boolean listed(String domainOrIp) {
        return server.json("/api/mailstats/blacklist/" + domainOrIp).get("blacklisted").asBoolean();
    }

    @Test
    void aSenderDomainAddedFromTheCommandLineIsRefusedAtMailWithTheReason() {
        assertThat(cli(0, "denylist", "add", "Spam.Test", "--reason", "phishing campaign")[0].strip())
                .isEqualTo("deny-listed spam.test: phishing campaign");
        await().atMost(Duration.ofSeconds(5)).until(() -> listed("spam.test")); // the running server picked it up

        String smtplib = """
                import smtplib, sys
                with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                    try:
                        s.sendmail('boss@mail.spam.test', ['victim@example.com'], 'Subject: win\\r\\n\\r\\nprize')
                    except smtplib.SMTPSenderRefused as e:
                        print(e.smtp_code, e.smtp_error.decode())
                    s.sendmail('friend@clean.test', ['victim@example.com'], 'Subject: hi\\r\\n\\r\\nhello')
                    print('clean sent')
                """;
        assertThat(Python.run(smtplib, server.smtpPort()).lines()).containsExactly(
                "554 5.7.1 sender domain mail.spam.test (in spam.test) is deny-listed: phishing campaign",
                "clean sent");
        assertThat(server.json("/api/addresses/victim@example.com/messages").size()).isEqualTo(1);
        assertThat(server.metric("mailbin_smtp_rejections_total{code=\"554\",reason=\"denylist_sender\"}")).isEqualTo(1);

        assertThat(cli(0, "denylist", "list")[0]).contains("spam.test\t").contains("\tphishing campaign");
        cli(0, "denylist", "remove", "spam.test");
        await().atMost(Duration.ofSeconds(5)).until(() -> !listed("spam.test"));
        assertThat(cli(1, "denylist", "remove", "spam.test")[1].strip()).isEqualTo("mailbin: spam.test is not on the deny-list");
    }

    @Test
    void aDenyListedHeloNameIs554AndTheConnectionCloses() {
        server.mailbin().denyList().add("bad-helo.test", "open proxy");
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.send("EHLO relay.bad-helo.test");
            assertThat(d.expect(554).text()).isEqualTo("554 5.7.1 HELO name relay.bad-helo.test (in bad-helo.test) is deny-listed: open proxy");
            assertThat(d.closedByServer()).isTrue();
        } finally {
            server.mailbin().denyList().remove("bad-helo.test");
        }
    }

    @Test
    void aDenyListedClientIpGets554AtConnectFromSwaks() {
        server.mailbin().denyList().add("127.0.0.0/8", "test network");
        try {
            Swaks.Result r = Swaks.run(server.smtpPort(), "--to", "x@example.com");
            assertThat(r.transcript()).contains("<** 554 5.7.1 client IP 127.0.0.1 (in 127.0.0.0/8) is deny-listed: test network");
            assertThat(r.exit()).isNotZero();
        } finally {
            server.mailbin().denyList().remove("127.0.0.0/8");
        }
        assertThat(Swaks.run(server.smtpPort(), "--to", "x@example.com").exit()).isZero();
    }

    @Test
    void theApiListsEntriesAndChecksIpsAndDomainsAsTheSpecSays() {
        server.mailbin().denyList().add("198.51.100.0/24", null);
        server.mailbin().denyList().add("junk.test", "junk");
        try {
            assertThat(server.json("/api/mailstats/blacklist").valueStream().map(n -> n.asString()).toList())
                    .contains("198.51.100.0/24", "junk.test");
            assertThat(server.get("/api/mailstats/blacklist/198.51.100.9").body()).isEqualTo("{\"blacklisted\":true}");
            assertThat(listed("198.51.101.9")).isFalse();
            assertThat(listed("sub.junk.test")).isTrue();
            assertThat(listed("gmail.com")).isFalse();
            assertThat(listed("not%20a%20domain")).isFalse();
        } finally {
            server.mailbin().denyList().remove("198.51.100.0/24");
            server.mailbin().denyList().remove("junk.test");
        }
    }
}
