package io.mailbin.api.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 buffer that JSON is written into by hand, for the one document that is written for
 * nearly every message: the webhook payload and web-socket frame, whose bulk is three copies of the
 * mail (text, HTML, raw). Jackson writes such strings a character at a time and takes its slow path
 * at every CR and LF; here bytes that need no escape are copied eight at a time.
 *
 * <p>Escaping is JSON's minimum, as Jackson writes it: {@code "} and {@code \}, and control characters
 * below U+0020 ({@code \b \t \n \f \r} short, the rest as {@code \}{@code u00XX}); everything else,
 * non-ASCII included, is written as UTF-8.
 */
final class JsonUtf8 {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    /** Per byte: 0 when it is written as is, else the character after the backslash. */
    private static final byte[] ESCAPE = new byte[256];
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int b = 0; b < 0x20; b++) {
            ESCAPE[b] = 'u';
        }
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
    }

    private byte[] buf;
    private int len;

    JsonUtf8(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /** Appends bytes that are already JSON (punctuation, a document written by Jackson). */
    JsonUtf8 json(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends ASCII that is already JSON, such as {@code ,"text":}. */
    JsonUtf8 json(String ascii) {
        int n = ascii.length();
        ensure(n);
        ascii.getBytes(0, n, buf, len); // ASCII only: one byte per char
        len += n;
        return this;
    }

    /** Appends {@code s} as a JSON string, or {@code null}. */
    JsonUtf8 string(String s) {
        return s == null ? json(NULL, 0, NULL.length) : quoted(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends the message bytes {@code utf8} as a JSON string. Mail that is not valid UTF-8 is read
     * as a Java string would read it (each malformed sequence becomes U+FFFD), as the API serves it.
     */
    JsonUtf8 string(byte[] utf8) {
        return quoted(isAscii(utf8) ? utf8 : new String(utf8, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Copies eight bytes at a time while none of them needs an escape (the test is exact, see
     * {@link #needsEscape}); a word that holds one is written byte by byte.
     */
    private JsonUtf8 quoted(byte[] s) {
        ensure(s.length + 2); // escapes ask for their extra room as they come
        byte[] out = buf;
        int o = len;
        out[o++] = '"';
        int i = 0;
        int n = s.length;
        while (i < n) {
            if (i + 8 <= n) {
                long word = (long) WORD.get(s, i);
                if (!needsEscape(word)) {
                    WORD.set(out, o, word);
                    o += 8;
                    i += 8;
                    continue;
                }
            }
            for (int end = Math.min(n, i + 8); i < end; i++) {
                byte b = s[i];
                int e = ESCAPE[b & 0xff];
                if (e == 0) {
                    out[o++] = b;
                    continue;
                }
                if (out.length - o < n - i + 6) { // room for the escape and for what is left
                    len = o;
                    ensure(n - i + 6);
                    out = buf;
                }
                out[o++] = '\\';
                out[o++] = (byte) e;
                if (e == 'u') {
                    out[o++] = '0';
                    out[o++] = '0';
                    out[o++] = HEX[(b & 0xff) >> 4];
                    out[o++] = HEX[b & 0xf];
                }
            }
        }
        out[o++] = '"';
        len = o;
        return this;
    }

    /**
     * Whether any of the eight bytes is below 0x20, a quote or a backslash: the classic "has a byte less
     * than n" and "has a zero byte" tests, exact as a yes/no (bytes of 0x80 and above never match).
     */
    private static boolean needsEscape(long w) {
        long control = (w - 0x2020202020202020L) & ~w;
        long quote = w ^ 0x2222222222222222L;
        long backslash = w ^ 0x5c5c5c5c5c5c5c5cL;
        return ((control | ((quote - 0x0101010101010101L) & ~quote) | ((backslash - 0x0101010101010101L) & ~backslash))
                & 0x8080808080808080L) != 0;
    }

    private static boolean isAscii(byte[] bytes) {
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            if (((long) WORD.get(bytes, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
