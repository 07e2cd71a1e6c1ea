package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives over SMTP or HTTP, tokenizing and scoring must not throw. Seeded, so repeatable. */
class MalformedInputTest {
    /** Characters that matter to MIME and header parsing, plus an 8-bit one. */
    private static final String NOISE = "\r\n:;=?\"<>-@ \tB\u00ff";
    private final SpamModel model = Messages.smallModel();

    @Test
    void randomBytesScoreInsideZeroOne() {
        var random = new Random(20020822);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(4_000)];
            random.nextBytes(bytes);
            assertThat(model.spamminess(bytes)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void mangledMessagesScoreInsideZeroOne() {
        var random = new Random(7);
        byte[][] seeds = {Messages.spam(1), Messages.ham(2), multipart()};
        for (int i = 0; i < 600; i++) {
            byte[] message = seeds[i % seeds.length].clone();
            int edits = 1 + random.nextInt(20);
            for (int e = 0; e < edits; e++) {
                message[random.nextInt(message.length)] = (byte) NOISE.charAt(random.nextInt(NOISE.length()));
            }
            byte[] truncated = java.util.Arrays.copyOf(message, random.nextInt(message.length + 1));
            assertThat(model.spamminess(message)).isBetween(0.0, 1.0);
            assertThat(model.spamminess(truncated)).isBetween(0.0, 1.0);
        }
    }

    private static byte[] multipart() {
        return Messages.raw("""
                Subject: =?utf-8?B?w6l0w6k=?= =?bogus?Q?x?=
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=no-such-charset
                Content-Transfer-Encoding: quoted-printable

                caf=E9 =ZZ broken
                --inner
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                PGI+aGVsbG88L2I+!!!not base64
                --inner--
                --outer
                Content-Type: message/rfc822

                Subject: inner message
                From: x@y.example

                nested body
                --outer--
                """);
    }
}
