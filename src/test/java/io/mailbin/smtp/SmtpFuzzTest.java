package io.mailbin.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of everything that reads network input on the way in: the SMTP command reader,
 * MAIL/RCPT argument parsing, DATA with dot-stuffing and limits, and the MIME parser. Inputs are built
 * from protocol fragments and random bytes, so they reach deep states. No exception may escape and no
 * input may take more than 5 seconds.
 *
 * <p>1,000 tries per property in the suite (a few seconds). For a longer run:
 * {@code ./mvnw test -Dtest=SmtpFuzzTest -Djqwik.tries.default=200000}; for coverage-guided fuzzing,
 * {@code SmtpJazzerTest}.
 */
class SmtpFuzzTest {
    private static final List<String> SMTP = List.of(
            "EHLO x\r\n", "MAIL FROM:", "RCPT TO:", "<", ">", "@", "\"", "\\", " SIZE=", " BODY=8BITMIME", "@relay:",
            "DATA\r\n", "\r\n.\r\n", "\r\n", "\n", "\r", ".", "..", "a", "é", "\u0000", " ", "=", "postmaster");
    private static final List<String> MIME = List.of(
            "Subject: ", "From: ", "To: ", "Content-Type: multipart/mixed; boundary=\"b\"\r\n", "--b\r\n", "--b--\r\n",
            "Content-Type: text/html; charset=utf-8\r\n", "Content-Transfer-Encoding: base64\r\n",
            "Content-Transfer-Encoding: quoted-printable\r\n", "Content-Disposition: attachment; filename=\"a.bin\"\r\n",
            "=?utf-8?B?", "=?iso-8859-1?Q?", "?=", "<a href=\"http://x.test/\">", "=\r\n", "=E9", "\r\n", "\r\n\r\n",
            "\t", ";", ":", "QUJD", "\u0000", "é", "message/rfc822\r\n");

    private static Arbitrary<byte[]> from(List<String> fragments) {
        Arbitrary<byte[]> fragment = Arbitraries.of(fragments).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, fragment),
                        net.jqwik.api.Tuple.of(1, noise))
                .list().ofMaxSize(200)
                .map(parts -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    parts.forEach(out::writeBytes);
                    return out.toByteArray();
                });
    }

    @Provide
    Arbitrary<byte[]> smtpSessions() {
        return from(SMTP);
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return from(MIME);
    }

    @Property
    void theCommandReaderAndArgumentParserNeverThrowOrHang(@ForAll("smtpSessions") byte[] input) throws Exception {
        within5Seconds(() -> SmtpFuzzTargets.smtpInput(input));
    }

    @Property
    void theMimeParserNeverThrowsOrHangs(@ForAll("messages") byte[] raw) throws Exception {
        within5Seconds(() -> SmtpFuzzTargets.mime(raw));
    }

    private static void within5Seconds(Runnable target) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                target.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        if (!t.join(java.time.Duration.ofSeconds(5))) {
            throw new AssertionError("input took more than 5 s: a hang");
        }
        if (failure[0] != null) {
            throw new AssertionError("exception escaped: " + failure[0], failure[0]);
        }
    }

}
