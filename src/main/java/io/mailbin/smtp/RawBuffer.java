package io.mailbin.smtp;

import java.util.Arrays;

/** A growable byte array for one message: our Received header, then the DATA bytes. */
final class RawBuffer {
    private byte[] bytes;
    private int length;

    RawBuffer(int initialCapacity) {
        bytes = new byte[Math.max(256, initialCapacity)];
    }

    int length() {
        return length;
    }

    void write(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }

    /** The message as an exact-size array (the store and parser need one); the only copy on the way in. */
    byte[] toByteArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
}
