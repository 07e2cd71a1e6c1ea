package io.mailbin.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A web-socket client for the benchmarks, spoken at the byte level (RFC 6455: the upgrade, then frame
 * headers and payloads, pings answered) and read by the caller's blocking thread. The benchmark
 * clients share the two cores with the server they measure: the JDK's client decodes every frame into
 * text and hands it across threads (its selector, then an executor), which costs CPU and, for a
 * latency probe, adds its own hand-offs to what is measured.
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Connects to 127.0.0.1:{@code port} and upgrades {@code path} to a web socket. */
    RawWebSocket(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        out = socket.getOutputStream();
        upgrade(path);
    }

    private void upgrade(String path) throws IOException {
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

    /**
     * Reads server frames (never masked) until the connection ends, answering pings. Each finished text
     * message goes to {@code onMessage}: its payload when {@code payloads}, else null, the payload
     * skipped unread. Fragmented messages are joined.
     */
    void read(boolean payloads, Consumer<byte[]> onMessage) throws IOException {
        java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
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
                System.arraycopy(payload, 0, pong, 6, payload.length); // mask key 0: XOR leaves the bytes as they are
                out.write(pong);
                out.flush();
                continue;
            }
            if (opcode == 0x8) {
                throw new IOException("closed by the server");
            }
            if (payloads) {
                message.write(in.readNBytes((int) length));
            } else {
                in.skipNBytes(length);
            }
            if ((b0 & 0x80) != 0) {
                onMessage.accept(payloads ? message.toByteArray() : null);
                message.reset();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
