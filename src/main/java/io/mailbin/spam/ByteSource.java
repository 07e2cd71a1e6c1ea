package io.mailbin.spam;

import java.io.InputStream;

/**
 * A window of a byte array as an InputStream. Unlike ByteArrayInputStream its methods are not
 * synchronized: a message being scored belongs to one thread, and the scoring path takes no
 * monitors.
 */
final class ByteSource extends InputStream {
    private final byte[] bytes;
    private final int end;
    private int position;

    ByteSource(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read() {
        return position < end ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int count = Math.min(length, end - position);
        System.arraycopy(bytes, position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return end - position;
    }
}
