package io.mailbin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.NodeWebSocket;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Mailsac's /incoming-messages web-socket stream, with Node's own WebSocket client. */
class WebSocketStreamTest {
    static TestMailbin server;
    static String ownerKey;
    static String strangerKey;
    static Hooks hooks;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.wsMaxQueuedFrames(8).publicMaxMessages(0));
        ownerKey = server.createAccount("streamer");
        strangerKey = server.createAccount("stranger");
        hooks = new Hooks(server, ownerKey);
        hooks.domain("ws.test", "streamer"); // web-socket forwarding on for the domain
        hooks.reserve("live@ws.test", "{\"enablews\":true}");
        hooks.reserve("burst@ws.test", "{\"enablews\":true}");
        hooks.reserve("quiet@elsewhere.test", "{\"enablews\":false}");
        hooks.reserve("loud@elsewhere.test", "{\"enabledws\":true}");
        new Hooks(server, strangerKey).reserve("theirs@other.test", "{\"enablews\":true}");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static String url(String key, String addresses) {
        return "ws://127.0.0.1:" + server.httpPort() + "/incoming-messages?key=" + key + "&addresses=" + addresses;
    }

    @Test
    void theFirstFrameListsOnlyWhatTheKeyMayStream() {
        try (NodeWebSocket ws = NodeWebSocket.connect(url(ownerKey,
                "live@ws.test,quiet@elsewhere.test,loud@elsewhere.test,theirs@other.test,ws.test,unknown.test"))) {
            JsonNode first = ws.next(10);
            assertThat(first.get("status").asInt()).isEqualTo(200);
            assertThat(first.get("msg").asString()).isEqualTo("Listening");
            assertThat(first.get("addresses").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("live@ws.test", "loud@elsewhere.test");
            assertThat(first.get("domains").valueStream().map(JsonNode::asString).toList()).containsExactly("ws.test");
        }
    }

    @Test
    void eachMessageIsOneFrameWithItsContentEvenWhenTheAddressAndItsDomainAreBothSubscribed() {
        try (NodeWebSocket ws = NodeWebSocket.connect(url(ownerKey, "live@ws.test,ws.test"))) {
            ws.next(10); // Listening
            hooks.send(List.of("live@ws.test"), "framed once", "frame body");
            JsonNode frame = ws.next(10);
            assertThat(frame.get("status").asInt()).isEqualTo(200);
            JsonNode email = frame.get("email");
            assertThat(email.get("subject").asString()).isEqualTo("framed once");
            assertThat(email.get("inbox").asString()).isEqualTo("live@ws.test");
            assertThat(email.get("text").asString()).isEqualTo("frame body\r\n");
            assertThat(email.get("raw").asString()).contains("Subject: framed once");
            assertThat(email.at("/headers/subject/0").asString()).isEqualTo("framed once");
            assertThat(email.get("_id").asString()).isNotBlank();
            assertThat(ws.quietFor(500)).as("no second frame for the same message").isTrue();

            hooks.send(List.of("anyone@ws.test"), "via the domain", "x");
            assertThat(ws.next(10).at("/email/subject").asString()).isEqualTo("via the domain");
        }
    }

    @Test
    void aKeyCannotStreamAnAddressItDoesNotOwn() {
        try (NodeWebSocket ws = NodeWebSocket.connect(url(strangerKey, "live@ws.test,ws.test"))) {
            JsonNode first = ws.next(10);
            assertThat(first.get("addresses")).isEmpty();
            assertThat(first.get("domains")).isEmpty();
            hooks.send(List.of("live@ws.test"), "not for strangers", "x");
            assertThat(ws.quietFor(1000)).isTrue();
        }
    }

    /**
     * Read on the wire: the refusal frame, then a close frame with 1008. (Node's client loses a frame that
     * arrives in the same packet as the handshake answer, so this one is checked byte by byte.)
     */
    @Test
    void aMissingOrWrongKeyIsRefusedAndClosed() throws IOException {
        for (String key : new String[] {"k_wrong", ""}) {
            try (Socket s = handshake(key, "live@ws.test")) {
                s.setSoTimeout(5_000);
                byte[] all = s.getInputStream().readAllBytes();
                String text = new String(all, StandardCharsets.ISO_8859_1);
                assertThat(text).contains("{\"status\":401,\"msg\":\"" + (key.isEmpty() ? "a key is required" : "invalid key"));
                int close = text.lastIndexOf((char) 0x88);
                assertThat(close).as("a close frame").isPositive();
                assertThat(((all[close + 2] & 0xff) << 8) | (all[close + 3] & 0xff)).isEqualTo(1008);
            }
        }
    }

    @Test
    void aSocketThatNeverReadsIsClosedWhileIngestAndOtherSocketsGoOn() throws Exception {
        try (Socket stuck = stuckSubscriber("loud@elsewhere.test");
             NodeWebSocket healthy = NodeWebSocket.connect(url(ownerKey, "loud@elsewhere.test"))) {
            healthy.next(10);
            String big = ("x".repeat(998) + "\r\n").repeat(100); // ~100 KB: each frame carries it twice (text, raw)
            int sent = 60;
            long started = System.nanoTime();
            try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
                d.command("EHLO flood.test", 250);
                for (int i = 0; i < sent; i++) {
                    assertThat(d.sendMessage("s@flood.test", List.of("loud@elsewhere.test"), "Subject: flood " + i + "\r\n\r\n" + big).code())
                            .isEqualTo(250);
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            for (int i = 0; i < sent; i++) {
                assertThat(healthy.next(10).at("/email/subject").asString()).isEqualTo("flood " + i);
            }
            assertThat(closedByServer(stuck)).as("the stuck socket was closed (ingest took " + millis + " ms)").isTrue();
        }
    }

    /**
     * Frames of messages committed together are built after the 250s, by whichever sender's thread gets
     * there first, and may leave in one write: each still arrives whole, once, and in the order its
     * sender's messages were accepted.
     */
    @Test
    void aBurstFromConcurrentSendersArrivesWholeOncePerMessageAndInOrder() throws Exception {
        int senders = 4;
        int each = 25;
        try (NodeWebSocket ws = NodeWebSocket.connect(url(ownerKey, "burst@ws.test"))) {
            ws.next(10);
            List<Thread> threads = new java.util.ArrayList<>();
            for (int t = 0; t < senders; t++) {
                int sender = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
                        d.command("EHLO burst.test", 250);
                        for (int i = 0; i < each; i++) {
                            d.sendMessage("s@burst.test", List.of("burst@ws.test"), "Subject: burst " + sender + "-" + i
                                    + "\r\n\r\nline \"" + i + "\"\r\n");
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
            java.util.Map<Integer, Integer> next = new java.util.HashMap<>();
            for (int n = 0; n < senders * each; n++) {
                JsonNode frame = ws.next(10);
                JsonNode email = frame.get("email");
                assertThat(email).as("frame %s", frame).isNotNull();
                String[] id = email.get("subject").asString().substring("burst ".length()).split("-");
                int sender = Integer.parseInt(id[0]);
                assertThat(Integer.parseInt(id[1])).as("sender " + sender + "'s messages in order").isEqualTo(next.getOrDefault(sender, 0));
                next.put(sender, Integer.parseInt(id[1]) + 1);
                assertThat(email.get("text").asString()).isEqualTo("line \"" + id[1] + "\"\r\n");
                assertThat(email.get("raw").asString()).contains("Subject: burst " + id[0] + "-" + id[1] + "\r\n");
            }
            assertThat(next.values()).containsOnly(each);
            assertThat(ws.quietFor(500)).as("no frame twice").isTrue();
        }
    }

    /**
     * The frame of a message over {@link WebSocketHub#INLINE_RAW} is built by the hub's backstop thread, not
     * by the session that sent it (which may be an event loop serving others): it still arrives whole, and
     * between the frames of the messages sent before and after it.
     */
    @Test
    void aLargeMessageIsStreamedWholeAndInOrderAmongSmallOnes() {
        String body = "0123456789abcdef".repeat(4).concat("\r\n").repeat(2 * WebSocketHub.INLINE_RAW / 66);
        try (NodeWebSocket ws = NodeWebSocket.connect(url(ownerKey, "live@ws.test"));
             SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            ws.next(10);
            d.command("EHLO large.test", 250);
            d.sendMessage("s@large.test", List.of("live@ws.test"), "Subject: before\r\n\r\nsmall\r\n");
            d.sendMessage("s@large.test", List.of("live@ws.test"), "Subject: large\r\n\r\n" + body);
            d.sendMessage("s@large.test", List.of("live@ws.test"), "Subject: after\r\n\r\nsmall\r\n");
            assertThat(ws.next(10).at("/email/subject").asString()).isEqualTo("before");
            JsonNode large = ws.next(10).get("email");
            assertThat(large.get("subject").asString()).isEqualTo("large");
            assertThat(large.get("text").asString()).isEqualTo(body);
            assertThat(ws.next(10).at("/email/subject").asString()).isEqualTo("after");
        }
    }

    /**
     * Frames are built once the sender has its 250. A sender that resets the connection right after its
     * final dot never gets one (the server's write fails), yet the committed message still reaches the
     * socket, a moment later.
     */
    @Test
    void aMessageWhoseSenderHangsUpBeforeItsReplyIsStillStreamed() {
        try (NodeWebSocket ws = NodeWebSocket.connect(url(ownerKey, "live@ws.test"))) {
            ws.next(10);
            for (int i = 0; i < 3; i++) {
                SmtpDialog d = SmtpDialog.open(server.smtpPort());
                d.command("EHLO gone.test", 250).command("MAIL FROM:<s@gone.test>", 250)
                        .command("RCPT TO:<live@ws.test>", 250).command("DATA", 354);
                d.sendRaw(("Subject: hung up " + i + "\r\n\r\nbye\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
                d.abort();
                assertThat(ws.next(10).at("/email/subject").asString()).isEqualTo("hung up " + i);
            }
        }
    }

    /** Opens a web socket by hand with a tiny receive buffer and never reads from it. */
    private static Socket stuckSubscriber(String address) throws IOException {
        return handshake(ownerKey, address);
    }

    private static Socket handshake(String key, String address) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", server.httpPort()));
        s.getOutputStream().write(("GET /incoming-messages?key=" + key + "&addresses=" + address + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return s;
    }

    /** Reads what the server sent until it hung up; true if it did within 15 seconds. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(15_000);
        byte[] buf = new byte[65536];
        try {
            while (s.getInputStream().read(buf) >= 0) {
                // drain what was queued before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
