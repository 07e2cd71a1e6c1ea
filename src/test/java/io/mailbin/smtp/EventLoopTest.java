package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What is particular to sessions on event loops: a client that sends without reading is slowed down,
 * not buffered without end and without holding up other sessions; a session moves to a thread of its
 * own mid-stream (STARTTLS) and keeps its transaction state; an idle session is told goodbye at shutdown.
 */
class EventLoopTest {
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.smtpEventLoops(2));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void byDefaultThereIsOneLoopPerCpu() {
        assertThat(SmtpSettings.defaultEventLoops(1)).isEqualTo(1);
        assertThat(SmtpSettings.defaultEventLoops(2)).isEqualTo(2);
        assertThat(SmtpSettings.defaultEventLoops(8)).isEqualTo(8);
    }

    @Test
    void aClientThatSendsWithoutReadingGetsEveryReplyInOrderWhileOthersAreServed() throws Exception {
        int commands = 200_000; // ~3 MB of replies: more than the socket buffers hold, so the loop must stop reading
        try (Socket s = new Socket("127.0.0.1", server.smtpPort())) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220 ");
            OutputStream out = s.getOutputStream();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    byte[] noop = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < commands; i++) {
                        out.write(noop);
                    }
                    out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Exception ignored) {
                    // the reader below fails the test if the dialogue broke
                }
            });
            Thread.sleep(500); // the writer is stalled by now: nobody reads the replies

            try (SmtpDialog other = SmtpDialog.open(server.smtpPort())) { // the loops still serve everyone else
                other.command("EHLO other.test", 250);
                assertThat(other.sendMessage("o@other.test", List.of("loop-other@example.com"), "Subject: other\r\n\r\nx").code())
                        .isEqualTo(250);
            }

            for (int i = 0; i < commands; i++) {
                assertThat(in.readLine()).as("reply %d", i).isEqualTo("250 2.0.0 Ok");
            }
            assertThat(in.readLine()).startsWith("221 2.0.0");
            writer.join();
        }
    }

    @Test
    void aClientPipeliningWholeTransactionsGetsEveryReplyInOrder() throws Exception {
        int messages = 200; // sent without waiting, replies read meanwhile: commands arrive while messages are stored
        try (Socket s = new Socket("127.0.0.1", server.smtpPort())) {
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            List<String> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    for (String line; (line = in.readLine()) != null; ) {
                        replies.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // checked below: the replies are incomplete
                }
            });
            out.write("EHLO burst.test\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < messages; i++) {
                for (String part : List.of("MAIL FROM:<b@burst.test>\r\n", "RCPT TO:<loop-burst@example.com>\r\n", "DATA\r\n",
                        "Subject: burst " + i + "\r\n\r\nbody\r\n.\r\n")) {
                    out.write(part.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            reader.join(30_000);
            List<String> after = replies.stream().dropWhile(l -> l.startsWith("250-")).skip(1).toList(); // EHLO's reply
            assertThat(after).hasSize(messages * 4 + 1);
            for (int i = 0; i < messages; i++) {
                assertThat(after.get(4 * i)).as("MAIL %d", i).startsWith("250 2.1.0");
                assertThat(after.get(4 * i + 1)).as("RCPT %d", i).startsWith("250 2.1.5");
                assertThat(after.get(4 * i + 2)).as("DATA %d", i).startsWith("354 ");
                assertThat(after.get(4 * i + 3)).as("message %d", i).startsWith("250 2.0.0 Ok: queued as ");
            }
            assertThat(after.getLast()).startsWith("221 ");
        }
        assertThat(server.json("/api/addresses/loop-burst@example.com/messages?limit=1000").size()).isEqualTo(messages);
    }

    @Test
    void messagesLargerThanWhatTheLoopParsesItselfArriveWholeBetweenSmallOnes() {
        String big = "Subject: big\r\n\r\n" + ("0123456789abcdef".repeat(6) + "\r\n").repeat(LoopSession.PARSE_ON_LOOP / 98 * 3);
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO big.test", 250);
            assertThat(d.sendMessage("b@big.test", List.of("loop-big@example.com"), "Subject: small 1\r\n\r\nx").code()).isEqualTo(250);
            assertThat(d.sendMessage("b@big.test", List.of("loop-big@example.com"), big).code()).isEqualTo(250);
            assertThat(d.sendMessage("b@big.test", List.of("loop-big@example.com"), "Subject: small 2\r\n\r\nx").code()).isEqualTo(250);
        }
        var messages = server.json("/api/addresses/loop-big@example.com/messages");
        assertThat(messages.findValuesAsString("subject")).containsExactly("small 2", "big", "small 1");
        String id = messages.get(1).get("_id").asString();
        String raw = server.get("/api/raw/loop-big@example.com/" + id).body();
        assertThat(raw).endsWith(big.substring(big.indexOf("\r\n\r\n")));
        assertThat(raw.length()).isGreaterThan(LoopSession.PARSE_ON_LOOP);
    }

    @Test
    void aSessionKeepsItsStateWhenItMovesToAThreadForStartTls() {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO mover.test", 250);
            assertThat(d.sendMessage("m@mover.test", List.of("loop-mover@example.com"), "Subject: plain\r\n\r\nbefore").code())
                    .isEqualTo(250);
            d.command("STARTTLS", 220);
            d.startTls();
            d.command("EHLO mover.test", 250);
            assertThat(d.sendMessage("m@mover.test", List.of("loop-mover@example.com"), "Subject: tls\r\n\r\nafter").code())
                    .isEqualTo(250);
        }
        List<String> subjects = server.json("/api/addresses/loop-mover@example.com/messages").findValuesAsString("subject");
        assertThat(subjects).containsExactlyInAnyOrder("plain", "tls");
        assertThat(server.json("/api/addresses/loop-mover@example.com/messages").findValues("rtls"))
                .extracting(tools.jackson.databind.JsonNode::asBoolean).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void anIdleSessionIsToldGoodbyeAtShutdownAndOneInDataFinishesFirst() {
        TestMailbin own = TestMailbin.start(b -> b.smtpEventLoops(1));
        try (SmtpDialog idle = SmtpDialog.open(own.smtpPort()); SmtpDialog busy = SmtpDialog.open(own.smtpPort())) {
            idle.command("EHLO idle.test", 250);
            busy.command("EHLO busy.test", 250);
            busy.command("MAIL FROM:<b@busy.test>", 250);
            busy.command("RCPT TO:<loop-busy@example.com>", 250);
            busy.command("DATA", 354);
            busy.sendRaw("Subject: half\r\n\r\nfirst half\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread stopper = Thread.ofPlatform().start(own::close);
            assertThat(idle.expect(421).text()).isEqualTo("421 4.3.2 mailbin.test shutting down, try again later");
            busy.sendRaw("second half\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(busy.expect(250).text()).startsWith("250 2.0.0 Ok: queued as ");
            assertThat(busy.expect(421).text()).contains("4.3.2", "shutting down");
            stopper.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            TestMailbin.deleteRecursively(own.dataDir());
        }
    }
}
