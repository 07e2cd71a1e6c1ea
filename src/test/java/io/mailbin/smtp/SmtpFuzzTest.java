package io.mailbin.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /**
     * An event loop pushes input in whatever pieces the socket delivers; a session thread pulls it. Both
     * must read the same commands, the same DATA bytes and the same outcomes from the same input.
     */
    @Property
    void pushedInputInAnyPiecesReadsExactlyAsPulledInput(@ForAll("smtpSessions") byte[] input,
                                                         @ForAll("pieceSizes") List<Integer> pieces) throws Exception {
        List<String> pulled = new ArrayList<>();
        List<String> pushed = new ArrayList<>();
        within5Seconds(() -> {
            pulled.addAll(pullTranscript(input));
            pushed.addAll(pushTranscript(input, pieces));
        });
        org.assertj.core.api.Assertions.assertThat(pushed).isEqualTo(pulled);
    }

    @Provide
    Arbitrary<List<Integer>> pieceSizes() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(20);
    }

    private static final int LINE_MAX = 40;
    private static final int DATA_MAX = 300;
    private static final int DATA_LINE_MAX = 100;

    /** A refused message's bytes are dropped, and how much of it was kept depends on the pieces: not compared. */
    private static String data(SmtpInput.Data d, RawBuffer raw) {
        return "data " + d + (d == SmtpInput.Data.OK ? " " + HexFormat.of().formatHex(raw.toByteArray()) : "");
    }

    private static List<String> pullTranscript(byte[] input) {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream(input));
        List<String> events = new ArrayList<>();
        try {
            while (true) {
                String line;
                try {
                    line = in.readLine(LINE_MAX);
                } catch (SmtpInput.LineTooLongException e) {
                    events.add("too long");
                    continue;
                }
                if (line == null) {
                    events.add("end");
                    return events;
                }
                events.add("line " + line);
                if (line.equalsIgnoreCase("DATA")) {
                    RawBuffer raw = new RawBuffer(64);
                    try {
                        SmtpInput.Data d = in.readData(raw, DATA_MAX, DATA_LINE_MAX);
                        events.add(data(d, raw));
                    } catch (java.io.EOFException e) {
                        events.add("end in data");
                        return events;
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> pushTranscript(byte[] input, List<Integer> pieces) {
        SmtpInput in = new SmtpInput(null, SmtpInput.ReadWatch.NONE);
        ReadableByteChannel channel = new ReadableByteChannel() { // hands out the input in the given piece sizes
            int at;
            int piece;

            @Override
            public int read(ByteBuffer dst) {
                if (at == input.length) {
                    return -1;
                }
                int n = Math.min(Math.min(pieces.get(piece++ % pieces.size()), dst.remaining()), input.length - at);
                dst.put(input, at, n);
                at += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        List<String> events = new ArrayList<>();
        RawBuffer raw = null;
        try {
            while (true) {
                if (raw != null) {
                    SmtpInput.Data d = in.pollData();
                    if (d != null) {
                        events.add(data(d, raw));
                        raw = null;
                        continue;
                    }
                } else {
                    String line;
                    try {
                        line = in.pollLine(LINE_MAX);
                    } catch (SmtpInput.LineTooLongException e) {
                        events.add("too long");
                        continue;
                    }
                    if (line != null) {
                        events.add("line " + line);
                        if (line.equalsIgnoreCase("DATA")) {
                            raw = new RawBuffer(64);
                            in.beginData(raw, DATA_MAX, DATA_LINE_MAX);
                        }
                        continue;
                    }
                }
                if (in.readFrom(channel) < 0) {
                    if (raw != null) {
                        events.add("end in data");
                        return events;
                    }
                    try {
                        String tail = in.endOfInput();
                        if (tail != null) {
                            events.add("line " + tail);
                            if (tail.equalsIgnoreCase("DATA")) {
                                events.add("end in data");
                                return events;
                            }
                        }
                    } catch (SmtpInput.LineTooLongException e) {
                        events.add("too long");
                    }
                    events.add("end");
                    return events;
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
