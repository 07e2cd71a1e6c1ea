package io.mailbin.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads SMTP from a socket at the byte level: command lines, and DATA with dot-unstuffing and the
 * {@code CRLF.CRLF} terminator. Working on bytes keeps the message byte-exact (no charset round trip)
 * and lets DATA be copied in bulk between line ends.
 */
final class SmtpInput {
    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;

    SmtpInput(InputStream in) {
        this.in = in;
    }

    /** Whether more input is already here: a pipelining client sent further commands, so replies can wait. */
    boolean hasBuffered() throws IOException {
        return pos < limit || in.available() > 0;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /**
     * Reads one command line without its line ending (CRLF, or a bare LF from a lax client), decoded as
     * UTF-8 for SMTPUTF8 addresses. Returns null at end of stream.
     *
     * @throws LineTooLongException when the line exceeds {@code max} bytes; the whole line is consumed
     */
    String readLine(int max) throws IOException {
        byte[] line = new byte[Math.min(max, 1024)];
        int len = 0;
        boolean tooLong = false;
        while (true) {
            if (!fill()) {
                return len == 0 && !tooLong ? null : finish(line, len, tooLong);
            }
            byte b = buf[pos++];
            if (b == '\n') {
                if (len > 0 && line[len - 1] == '\r') {
                    len--;
                }
                return finish(line, len, tooLong);
            }
            if (len == max) {
                tooLong = true;
                continue;
            }
            if (len == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(max, line.length * 2));
            }
            line[len++] = b;
        }
    }

    private static String finish(byte[] line, int len, boolean tooLong) throws LineTooLongException {
        if (tooLong) {
            throw new LineTooLongException();
        }
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    private static final int MID_LINE = 0;
    private static final int AFTER_CR = 1;
    private static final int LINE_START = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    /**
     * Reads a DATA section up to the line holding a single dot, removing the dot-stuffing (RFC 5321
     * §4.5.2). Only {@code CRLF.CRLF} ends it, never a bare LF (the SMTP smuggling defence). Past
     * {@code max} bytes the rest is read and dropped so the session stays in step.
     *
     * @return false when the message was larger than {@code max}
     * @throws java.io.EOFException when the client hangs up before the terminator
     */
    boolean readData(RawBuffer out, long max) throws IOException {
        int state = LINE_START;
        long base = out.length();
        boolean fits = true;
        while (true) {
            if (!fill()) {
                throw new java.io.EOFException("connection closed during DATA");
            }
            if (state == MID_LINE) {
                // fast path: copy everything up to the next CR in one go
                int cr = indexOfCr(pos, limit);
                int end = cr < 0 ? limit : cr;
                fits = write(out, buf, pos, end - pos, base, max, fits);
                pos = end;
                if (cr < 0) {
                    continue;
                }
            }
            byte b = buf[pos++];
            switch (state) {
                case MID_LINE -> { // b is the CR found above
                    fits = write(out, b, base, max, fits);
                    state = AFTER_CR;
                }
                case AFTER_CR -> {
                    fits = write(out, b, base, max, fits);
                    state = b == '\n' ? LINE_START : b == '\r' ? AFTER_CR : MID_LINE;
                }
                case LINE_START -> {
                    if (b == '.') {
                        state = DOT;
                    } else {
                        fits = write(out, b, base, max, fits);
                        state = b == '\r' ? AFTER_CR : MID_LINE;
                    }
                }
                case DOT -> { // the leading dot was stuffing unless this is the terminator
                    if (b == '\r') {
                        state = DOT_CR;
                    } else {
                        fits = write(out, b, base, max, fits);
                        state = MID_LINE;
                    }
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        return fits;
                    }
                    fits = write(out, (byte) '\r', base, max, fits);
                    fits = write(out, b, base, max, fits);
                    state = b == '\r' ? AFTER_CR : MID_LINE;
                }
                default -> throw new IllegalStateException("unknown DATA state " + state);
            }
        }
    }

    private int indexOfCr(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static boolean write(RawBuffer out, byte[] b, int off, int len, long base, long max, boolean fits) {
        if (!fits || out.length() - base + len > max) {
            return false;
        }
        out.write(b, off, len);
        return true;
    }

    private static boolean write(RawBuffer out, byte b, long base, long max, boolean fits) {
        if (!fits || out.length() - base + 1 > max) {
            return false;
        }
        out.write(b);
        return true;
    }

    /** A command line longer than the limit; the line has been consumed. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line too long");
        }
    }
}
