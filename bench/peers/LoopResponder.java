import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The least an SMTP server built on one NIO selector loop can do: on 127.0.0.1:PORT it answers every
 * command smtp-source sends and throws the mail away, all on one platform thread, as smtp-sink does
 * in C. No parsing, no storage, no limits: what this architecture costs before it does any work
 * (bench/floor.sh).
 */
public class LoopResponder {
    private static final byte[] OK = "250 2.0.0 Ok\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GO = "354 End data with <CR><LF>.<CR><LF>\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYE = "221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HELLO = "220 127.0.0.1 ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One connection: unread input (at most one incomplete line kept between reads) and whether DATA is on. */
    private static final class Conn {
        final ByteBuffer in = ByteBuffer.allocate(16384);
        final ByteBuffer out = ByteBuffer.allocate(1024);
        boolean data;
    }

    public static void main(String[] args) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 1024);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        while (true) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                try {
                    if (key.isAcceptable()) {
                        accept(listener, selector);
                    } else {
                        read(key);
                    }
                } catch (IOException e) { // the client went away
                    key.cancel();
                    key.channel().close();
                }
            }
        }
    }

    private static void accept(ServerSocketChannel listener, Selector selector) throws IOException {
        SocketChannel c = listener.accept();
        if (c == null) {
            return;
        }
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.configureBlocking(false);
        Conn conn = new Conn();
        c.register(selector, SelectionKey.OP_READ, conn);
        conn.out.put(HELLO);
        send(c, conn.out);
    }

    private static void read(SelectionKey key) throws IOException {
        SocketChannel c = (SocketChannel) key.channel();
        Conn conn = (Conn) key.attachment();
        if (c.read(conn.in) < 0) {
            throw new IOException("closed");
        }
        byte[] a = conn.in.array();
        int end = conn.in.position();
        int start = 0;
        boolean quit = false;
        for (int i = 0; i < end; i++) {
            if (a[i] != '\n') {
                continue;
            }
            int length = i + 1 - start;
            if (conn.data) { // only the lone dot that ends the message gets an answer
                if (length == 3 && a[start] == '.') {
                    conn.data = false;
                    conn.out.put(OK);
                }
            } else {
                String verb = new String(a, start, Math.min(length, 4), StandardCharsets.US_ASCII);
                if (verb.equalsIgnoreCase("DATA")) {
                    conn.data = true;
                    conn.out.put(GO);
                } else if (verb.equalsIgnoreCase("QUIT")) {
                    conn.out.put(BYE);
                    quit = true;
                } else {
                    conn.out.put(OK);
                }
            }
            start = i + 1;
            if (conn.out.remaining() < 64) { // a pipelining client: send what is due before answering more
                send(c, conn.out);
            }
        }
        if (start == 0 && end == a.length) { // a line longer than the buffer: drop what we have of it
            start = end;
        }
        System.arraycopy(a, start, a, 0, end - start);
        conn.in.position(end - start);
        send(c, conn.out);
        if (quit) {
            throw new IOException("quit");
        }
    }

    /** Replies are a few bytes into an empty send buffer: the write completes at once. */
    private static void send(SocketChannel c, ByteBuffer out) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            c.write(out);
        }
        out.clear();
    }
}
