package io.mailbin.smtp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The socket of one SMTP session and its buffers. The buffers (16 KB in, 4 KB out) are allocated only
 * by {@link #open()}, once the session has been admitted: a connection waiting in the queue holds a
 * socket and nothing else. {@link #startTls} replaces the socket by a TLS one over it.
 *
 * <p>A connection served by an {@link SmtpLoop} starts non-blocking ({@link #onLoop}): the loop pushes
 * input into {@link #in()} and replies wait in a {@link ChannelOutput}. {@link #leaveLoop} turns it into
 * a blocking one for a session thread, keeping what was received and what waits to be sent.
 */
final class SmtpConnection {
    private volatile Socket socket;
    private final SocketChannel channel; // null unless the connection started on an event loop
    private boolean tls;
    private final String remoteIp;
    private final String localIp;
    private SmtpInput in;
    private OutputStream out;
    private SmtpInput.ReadWatch watch = SmtpInput.ReadWatch.NONE;

    SmtpConnection(Socket socket) {
        this.socket = socket;
        this.channel = null;
        this.remoteIp = ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress();
        this.localIp = socket.getLocalAddress().getHostAddress();
    }

    /** A connection for an event loop: the channel is non-blocking, and the buffers are allocated at once. */
    static SmtpConnection onLoop(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        SmtpConnection c = new SmtpConnection(channel);
        c.in = new SmtpInput(null, SmtpInput.ReadWatch.NONE);
        c.out = new ChannelOutput(channel);
        return c;
    }

    private SmtpConnection(SocketChannel channel) {
        this.channel = channel;
        this.socket = channel.socket();
        this.remoteIp = ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress();
        this.localIp = socket.getLocalAddress().getHostAddress();
    }

    /** Whether reads and writes block: false while an event loop serves the connection. */
    boolean blocking() {
        return channel == null || channel.isBlocking();
    }

    SocketChannel channel() {
        return channel;
    }

    /** Whether replies are waiting for the socket to take them (event loop only). */
    boolean outputPending() {
        return out instanceof ChannelOutput c && c.pending();
    }

    /**
     * Hands the connection from its event loop to a session thread: blocking from now on, reads under
     * {@code deadlines}. The channel must already be deregistered from the loop's selector.
     */
    void leaveLoop(ReadDeadlines deadlines) throws IOException {
        channel.configureBlocking(true);
        watch = deadlines.watch(socket);
        in.source(socket.getInputStream(), watch);
        out.flush(); // replies the loop had not sent yet go first
    }

    String remoteIp() {
        return remoteIp;
    }

    String localIp() {
        return localIp;
    }

    Socket socket() {
        return socket;
    }

    boolean isTls() {
        return tls;
    }

    /**
     * Allocates the buffers and puts the reads under {@code deadlines}; with {@code implicitTls} (the SMTPS
     * port) the TLS handshake comes first.
     */
    void open(SSLContext implicitTls, int handshakeMillis, ReadDeadlines deadlines) throws IOException {
        watch = deadlines.watch(socket);
        if (implicitTls != null) {
            handshake(implicitTls, handshakeMillis);
        }
        streams();
    }

    private void streams() throws IOException {
        Socket s = socket;
        in = new SmtpInput(s.getInputStream(), watch);
        out = new BufferedOutputStream(s.getOutputStream(), 4096);
    }

    /**
     * Turns the connection into TLS after our 220 to STARTTLS. Anything the client sent after the
     * STARTTLS line in plain text is dropped, never read as a command over TLS (RFC 3207 §5, the
     * command-injection attack).
     *
     * @return how many plain-text bytes were dropped
     */
    int startTls(SSLContext context, int handshakeMillis) throws IOException {
        int dropped = in.discardBuffered();
        handshake(context, handshakeMillis);
        streams();
        return dropped;
    }

    private void handshake(SSLContext context, int handshakeMillis) throws IOException {
        Socket plain = socket;
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, remoteIp, plain.getPort(), true);
        s.setUseClientMode(false);
        s.setSoTimeout(handshakeMillis);
        socket = s;
        s.startHandshake();
        s.setSoTimeout(0); // from here the read deadlines apply
        tls = true;
    }

    /** Reads a command line that must be complete within {@code withinNanos} and before {@code sessionEnd}. */
    String readCommand(int max, long withinNanos, long sessionEnd) throws IOException {
        in.deadline(SmtpInput.Deadline.command(withinNanos, sessionEnd));
        return in.readLine(max);
    }

    /** Reads DATA at no less than {@code bytesPerSecond} after {@code graceNanos}, ending before {@code sessionEnd}. */
    SmtpInput.Data readData(RawBuffer raw, long max, int maxLine, long graceNanos, long bytesPerSecond, long sessionEnd)
            throws IOException {
        in.deadline(SmtpInput.Deadline.data(graceNanos, bytesPerSecond, sessionEnd));
        return in.readData(raw, max, maxLine);
    }

    boolean isOpen() {
        return out != null;
    }

    SmtpInput in() {
        return in;
    }

    void reply(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Replies wait while the client has already sent more (pipelining), so they leave in one packet.
     * Returns whether they left now.
     */
    boolean flushUnlessPipelined() throws IOException {
        if (in.hasBuffered()) {
            return false;
        }
        out.flush();
        return true;
    }

    /**
     * Sends one last line and closes, whether or not the session was admitted (a refusal before the
     * greeting writes straight to the socket: a few bytes into an empty send buffer never block).
     */
    void sayAndClose(String line) {
        try {
            if (out != null) {
                reply(line);
                out.flush();
            } else {
                socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; nothing to tell
        }
        close();
    }

    void close() {
        watch.close();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
