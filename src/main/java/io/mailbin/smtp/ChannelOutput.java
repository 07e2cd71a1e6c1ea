package io.mailbin.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Replies on their way out of a socket channel. On an event loop (non-blocking) {@link #flush} sends
 * what the socket takes now and keeps the rest, which the loop sends once the socket is writable again;
 * after a hand-off to a thread (blocking) it sends everything, as any output stream does.
 */
final class ChannelOutput extends OutputStream {
    private final SocketChannel channel;
    private ByteBuffer buf = ByteBuffer.allocate(1024); // filling: position is the end of what waits

    ChannelOutput(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) {
        room(1).put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        room(len).put(b, off, len);
    }

    private ByteBuffer room(int n) {
        if (buf.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }

    /** Sends what waits; on a non-blocking channel only what the socket takes now. */
    @Override
    public void flush() throws IOException {
        if (buf.position() == 0) {
            return;
        }
        buf.flip();
        try {
            while (buf.hasRemaining() && (channel.write(buf) > 0 || channel.isBlocking())) {
                // a blocking channel writes until all is sent
            }
        } finally {
            buf.compact();
        }
    }

    /** Whether replies are still waiting for the socket. */
    boolean pending() {
        return buf.position() > 0;
    }
}
