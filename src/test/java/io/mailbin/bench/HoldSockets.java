package io.mailbin.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark helper (run by bench/live.sh): holds COUNT open web sockets, COUNT-1 on addresses of their
 * own and one on LOADED_ADDRESS, reading every frame, until killed. Prints "ready" when all listen.
 *
 * <p>The sockets are spoken to at the byte level (RFC 6455: the upgrade, then frame headers read and
 * payloads skipped, pings answered), each by a blocking platform thread: this process shares the two
 * cores with the server it measures, and the JDK's client, decoding every 6 KB frame into text, took a
 * sixth as much CPU as the server's whole ingest of the message (a virtual-thread reader, woken
 * through the poller, still half of that). A consumer that does nothing with the frames is what the
 * benchmark needs, as smtp-source is on the sending side.
 *
 * <p>Usage: {@code HoldSockets HTTP_PORT API_KEY COUNT LOADED_ADDRESS}
 */
public final class HoldSockets {
    public static void main(String[] args) throws Exception {
        int http = Integer.parseInt(args[0]);
        String key = args[1];
        int count = Integer.parseInt(args[2]);
        String loaded = args[3];
        HttpClient client = HttpClient.newHttpClient();
        List<String> addresses = new ArrayList<>();
        addresses.add(loaded);
        for (int i = 1; i < count; i++) {
            addresses.add("idle-" + i + "@sockets.bench");
        }
        for (String a : addresses) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/addresses/" + a))
                    .header("Mailsac-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"enablews\":true}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 400) { // 400: already ours from an earlier round
                throw new IllegalStateException("cannot reserve " + a + ": " + r.body());
            }
        }
        AtomicLong frames = new AtomicLong();
        List<Socket> open = new ArrayList<>();
        for (String a : addresses) {
            Socket s = new Socket("127.0.0.1", http);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024));
            upgrade(s.getOutputStream(), in, "/incoming-messages?key=" + key + "&addresses=" + a);
            open.add(s);
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    readFrames(in, s.getOutputStream(), frames);
                } catch (IOException e) {
                    System.err.println("socket for " + a + " ended: " + e.getMessage());
                }
            });
        }
        System.out.println("ready " + open.size());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void upgrade(OutputStream out, InputStream in, String path) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed during the upgrade: " + head);
            }
            head.append((char) c);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
    }

    /** Reads server frames (never masked), skipping payloads; answers pings; counts finished messages. */
    private static void readFrames(DataInputStream in, OutputStream out, AtomicLong frames) throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            int opcode = b0 & 0x0f;
            if (opcode == 0x9) { // ping: pong with the same payload, masked as client frames must be
                byte[] payload = in.readNBytes((int) length);
                byte[] pong = new byte[2 + 4 + payload.length];
                pong[0] = (byte) 0x8A;
                pong[1] = (byte) (0x80 | payload.length);
                for (int i = 0; i < payload.length; i++) {
                    pong[6 + i] = payload[i]; // mask key 0: XOR leaves the bytes as they are
                }
                out.write(pong);
                out.flush();
                continue;
            }
            if (opcode == 0x8) {
                throw new IOException("closed by the server");
            }
            in.skipNBytes(length);
            if ((b0 & 0x80) != 0) {
                frames.incrementAndGet();
            }
        }
    }
}
