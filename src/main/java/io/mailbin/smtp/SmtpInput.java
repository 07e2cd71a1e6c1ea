package io.mailbin.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads SMTP from a socket at the byte level: command lines, and DATA with dot-unstuffing and the
 * {@code CRLF.CRLF} terminator. Working on bytes keeps the message byte-exact (no charset round trip)
 * and lets DATA be copied in bulk between line ends.
 *
 * <p>Every read runs against a {@link Deadline}, not just a per-read timeout: a client dripping one
 * byte at a time never resets it. Before a read the deadline is handed to a {@link ReadWatch}, which
 * ends the read when it is overdue (see {@link ReadDeadlines} for why this is not a socket timeout).
 */
final class SmtpInput {
    /** Ends a blocked read once it is overdue; {@link #NONE} for in-memory input, which never blocks. */
    interface ReadWatch {
        ReadWatch NONE = new ReadWatch() {
            @Override
            public void arm(long dueNanos) {
            }

            @Override
            public void disarm() {
            }

            @Override
            public boolean expired() {
                return false;
            }

            @Override
            public void close() {
            }
        };

        /** The read about to start must end by {@code dueNanos} ({@link System#nanoTime()}). */
        void arm(long dueNanos);

        /** The read has ended. */
        void disarm();

        /** Whether a read was ended because it was overdue; the input is then shut. */
        boolean expired();

        /** The connection is closed: stop watching it. */
        void close();
    }

    /** Where bytes come from when the buffer runs dry; null while an event loop pushes them ({@link #readFrom}). */
    private InputStream in;
    private ReadWatch watch;
    private final byte[] buf = new byte[16 * 1024];
    private ByteBuffer window; // buf, for channel reads
    private int pos;
    private int limit;
    private long received;
    private Deadline deadline = Deadline.NONE;
    private long receivedAtDeadline;

    // The command line read so far: a line may arrive in pieces, and each piece is taken as it comes.
    private byte[] line = new byte[256];
    private int lineLen;
    private boolean lineTooLong;

    // The DATA section being read (see pollData).
    private RawBuffer dataOut;
    private long dataBase;
    private long dataMax;
    private int dataMaxLine;
    private int dataState;
    private boolean dataFits;
    private boolean dataLinesFit;
    private long dataLineLen; // bytes since the last LF, a CR included

    SmtpInput(InputStream in) {
        this(in, ReadWatch.NONE);
    }

    /** @param in null for input that an event loop pushes with {@link #readFrom} */
    SmtpInput(InputStream in, ReadWatch watch) {
        this.in = in;
        this.watch = watch;
    }

    /**
     * From now on, reads block on {@code in} under {@code watch}: the event loop has handed the session
     * to a thread. What was already received stays, so nothing the client sent is lost or read twice.
     */
    void source(InputStream in, ReadWatch watch) {
        this.in = in;
        this.watch = watch;
    }

    /** The deadline for what is read next; bytes are counted from here for a paced deadline. */
    void deadline(Deadline d) {
        deadline = d;
        receivedAtDeadline = received;
    }

    /** When the next bytes must have arrived ({@link System#nanoTime()}), or {@link Long#MAX_VALUE}. */
    long due() {
        return deadline.due(received - receivedAtDeadline);
    }

    /** Which limit was missed, once {@link #due()} has passed. */
    Reason missed() {
        return deadline.missed(received - receivedAtDeadline);
    }

    /** Drops input that arrived ahead of the protocol (e.g. commands pipelined behind STARTTLS). */
    int discardBuffered() {
        int n = limit - pos + lineLen;
        pos = limit;
        resetLine();
        return n;
    }

    /** Whether more input is already here: a pipelining client sent further commands, so replies can wait. */
    boolean hasBuffered() throws IOException {
        return pos < limit || (in != null && in.available() > 0);
    }

    /**
     * Reads what the channel has into the empty buffer, without blocking: the event loop's side of
     * {@link #fill()}. Returns the byte count, 0 when nothing was ready, -1 at end of stream.
     */
    int readFrom(ReadableByteChannel channel) throws IOException {
        if (pos < limit) {
            throw new IllegalStateException("read before the buffered input was taken");
        }
        if (window == null) {
            window = ByteBuffer.wrap(buf);
        }
        window.clear();
        int n = channel.read(window);
        if (n > 0) {
            pos = 0;
            limit = n;
            received += n;
        }
        return n;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        long due = due();
        if (due != Long.MAX_VALUE) {
            if (due - System.nanoTime() <= 0) {
                throw new DeadlineException(missed());
            }
            watch.arm(due);
        }
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (IOException e) {
            if (watch.expired()) { // the watch shut the input: under TLS that reads as an error, not an end
                throw new DeadlineException(missed());
            }
            throw e;
        } finally {
            watch.disarm();
        }
        if (n <= 0) {
            if (watch.expired()) {
                throw new DeadlineException(missed());
            }
            return false;
        }
        pos = 0;
        limit = n;
        received += n;
        return true;
    }

    /**
     * Reads one command line without its line ending (CRLF, or a bare LF from a lax client), decoded as
     * UTF-8 for SMTPUTF8 addresses. Returns null at end of stream.
     *
     * @throws LineTooLongException when the line exceeds {@code max} bytes; the whole line is consumed
     */
    String readLine(int max) throws IOException {
        while (true) {
            String l = pollLine(max);
            if (l != null) {
                return l;
            }
            if (!fill()) {
                return endOfInput();
            }
        }
    }

    /**
     * {@link #readLine} without blocking: the next command line if the buffered input completes it,
     * else null (what has come of the line is kept for the next call).
     */
    String pollLine(int max) throws LineTooLongException {
        if (pos == limit) {
            return null;
        }
        int nl = indexOf((byte) '\n', pos, limit);
        int end = nl < 0 ? limit : nl;
        int n = end - pos;
        if (lineLen + n > max) {
            lineTooLong = true;
            n = max - lineLen;
        }
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.min(max, Math.max(lineLen + n, line.length * 2)));
        }
        System.arraycopy(buf, pos, line, lineLen, n);
        lineLen += n;
        if (nl < 0) {
            pos = limit;
            return null;
        }
        pos = nl + 1;
        int len = lineLen;
        if (len > 0 && line[len - 1] == '\r' && !lineTooLong) {
            len--;
        }
        return takeLine(len);
    }

    /** The end of the stream: an unterminated last line, or null when there is none. */
    String endOfInput() throws LineTooLongException {
        return lineLen == 0 && !lineTooLong ? null : takeLine(lineLen);
    }

    private String takeLine(int len) throws LineTooLongException {
        boolean tooLong = lineTooLong;
        String s = tooLong ? null : new String(line, 0, len, StandardCharsets.UTF_8);
        resetLine();
        if (tooLong) {
            throw new LineTooLongException();
        }
        return s;
    }

    private void resetLine() {
        lineLen = 0;
        lineTooLong = false;
        if (line.length > 4096) {
            line = new byte[256]; // an AUTH line or an overlong one: do not keep its buffer for the session
        }
    }

    private static final int MID_LINE = 0;
    private static final int AFTER_CR = 1;
    private static final int LINE_START = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    /** How a DATA section ended. */
    enum Data { OK, TOO_BIG, LINE_TOO_LONG }

    /**
     * Reads a DATA section up to the line holding a single dot, removing the dot-stuffing (RFC 5321
     * §4.5.2). Only {@code CRLF.CRLF} ends it, never a bare LF (the SMTP smuggling defence). Past
     * {@code max} bytes, or past a line longer than {@code maxLine} bytes, the rest is read and dropped
     * so the session stays in step.
     *
     * @throws java.io.EOFException when the client hangs up before the terminator
     */
    Data readData(RawBuffer out, long max, int maxLine) throws IOException {
        beginData(out, max, maxLine);
        while (true) {
            Data d = pollData();
            if (d != null) {
                return d;
            }
            if (!fill()) {
                throw new java.io.EOFException("connection closed during DATA");
            }
        }
    }

    /** Starts reading a DATA section into {@code out}, with {@link #readData}'s rules, for {@link #pollData}. */
    void beginData(RawBuffer out, long max, int maxLine) {
        dataOut = out;
        dataBase = out.length();
        dataMax = max;
        dataMaxLine = maxLine;
        dataState = LINE_START;
        dataFits = true;
        dataLinesFit = true;
        dataLineLen = 0;
    }

    /**
     * Takes the buffered input into the DATA section begun by {@link #beginData}; returns how it ended
     * once the terminator has come, else null (more input is needed).
     */
    Data pollData() {
        RawBuffer out = dataOut;
        long base = dataBase;
        long max = dataMax;
        int maxLine = dataMaxLine;
        int state = dataState;
        boolean fits = dataFits;
        boolean linesFit = dataLinesFit;
        long lineLen = dataLineLen;
        try {
            while (pos < limit) {
                if (state == MID_LINE) {
                    // fast path: copy everything up to the next CR in one go
                    int cr = indexOf((byte) '\r', pos, limit);
                    int end = cr < 0 ? limit : cr;
                    lineLen += end - pos;
                    if (lineLen > maxLine + 1L) {
                        linesFit = false;
                    }
                    fits = write(out, buf, pos, end - pos, base, max, fits && linesFit);
                    pos = end;
                    if (cr < 0) {
                        continue;
                    }
                }
                byte b = buf[pos++];
                if (b == '\n') {
                    lineLen = 0;
                } else if (++lineLen > maxLine + 1L) {
                    linesFit = false;
                    fits = false; // stop copying; the message is refused either way
                }
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
                            dataOut = null;
                            return !linesFit ? Data.LINE_TOO_LONG : fits ? Data.OK : Data.TOO_BIG;
                        }
                        fits = write(out, (byte) '\r', base, max, fits);
                        fits = write(out, b, base, max, fits);
                        state = b == '\r' ? AFTER_CR : MID_LINE;
                    }
                    default -> throw new IllegalStateException("unknown DATA state " + state);
                }
            }
            return null;
        } finally {
            dataState = state;
            dataFits = fits;
            dataLinesFit = linesFit;
            dataLineLen = lineLen;
        }
    }

    private int indexOf(byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == wanted) {
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

    /**
     * When the next bytes must have arrived: a fixed instant, or (for DATA) one that moves later as
     * bytes arrive, at a minimum rate. Times are {@link System#nanoTime()}; never earlier than {@code cap}.
     */
    record Deadline(long start, long grace, long bytesPerSecond, long cap, Reason reason, Reason capReason) {
        static final Deadline NONE = new Deadline(0, 0, 0, Long.MAX_VALUE, Reason.IDLE, Reason.IDLE);

        /** A command must be complete within {@code within} of now, and before the session's end. */
        static Deadline command(long withinNanos, long sessionEnd) {
            long now = System.nanoTime();
            return new Deadline(now, withinNanos, 0, sessionEnd, Reason.IDLE, Reason.SESSION);
        }

        /** DATA may take {@code grace}, plus one second per {@code bytesPerSecond} bytes received. */
        static Deadline data(long graceNanos, long bytesPerSecond, long sessionEnd) {
            return new Deadline(System.nanoTime(), graceNanos, bytesPerSecond, sessionEnd, Reason.SLOW_DATA, Reason.SESSION);
        }

        long due(long bytes) {
            if (cap == Long.MAX_VALUE && grace == 0) {
                return Long.MAX_VALUE;
            }
            return Math.min(own(bytes), cap);
        }

        private long own(long bytes) {
            return bytesPerSecond <= 0 ? start + grace : start + grace + (long) (bytes * (1_000_000_000.0 / bytesPerSecond));
        }

        /**
         * Which limit was missed, once the deadline has passed: the one that came first. (Asking the clock
         * instead would misname it when both passed within one tick of the watch.)
         */
        Reason missed(long bytes) {
            return cap != Long.MAX_VALUE && cap - own(bytes) <= 0 ? capReason : reason;
        }
    }

    enum Reason { IDLE, SLOW_DATA, SESSION }

    /** The client missed a deadline: silent too long, sending DATA too slowly, or the session ran out of time. */
    static final class DeadlineException extends java.net.SocketTimeoutException {
        final Reason reason;

        DeadlineException(Reason reason) {
            super("deadline missed: " + reason);
            this.reason = reason;
        }
    }

    /** A command line longer than the limit; the line has been consumed. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line too long");
        }
    }
}
